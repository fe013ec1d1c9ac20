import ReproEngine

/// The users pane's forms and their validation (pure, tested without a terminal).
enum UserForms {
    static func add(defaultDomain: String) -> FormState {
        FormState(title: "Add user", fields: [
            FormField(key: "user", label: "User"), FormField(key: "domain", label: "Domain", value: defaultDomain),
            FormField(key: "password", label: "Password", masked: true),
            FormField(key: "password2", label: "Password again", masked: true),
            FormField(key: "name", label: "Name"), FormField(key: "email", label: "Email"),
        ])
    }

    static func edit(_ user: UserInfo) -> FormState {
        FormState(title: "Edit \(user.user)@\(user.domain)", fields: [
            FormField(key: "user", label: "User", value: user.user, readOnly: true),
            FormField(key: "domain", label: "Domain", value: user.domain, readOnly: true),
            FormField(key: "name", label: "Name", value: user.displayName),
            FormField(key: "email", label: "Email", value: user.email),
            FormField(key: "forward", label: "Forward to", value: user.forwardAddress),
        ])
    }

    static func password(_ user: UserInfo) -> FormState {
        FormState(title: "Password for \(user.user)@\(user.domain)", fields: [
            FormField(key: "password", label: "Password", masked: true),
            FormField(key: "password2", label: "Password again", masked: true),
        ])
    }

    /// Errors by field key for an add form; empty when it may be saved.
    static func validateAdd(_ form: FormState) -> [String: String] {
        var errors: [String: String] = [:]
        errors["user"] = FormValidation.user(form["user"])
        errors["domain"] = FormValidation.domain(form["domain"])
        let (first, second) = FormValidation.passwords(form["password"], form["password2"])
        errors["password"] = first
        errors["password2"] = second
        errors["email"] = FormValidation.email(form["email"])
        return errors
    }

    static func validateEdit(_ form: FormState) -> [String: String] {
        var errors: [String: String] = [:]
        errors["email"] = FormValidation.email(form["email"])
        if !form["forward"].isEmpty { errors["forward"] = FormValidation.uri(form["forward"]) }
        return errors
    }

    static func validatePassword(_ form: FormState) -> [String: String] {
        var errors: [String: String] = [:]
        let (first, second) = FormValidation.passwords(form["password"], form["password2"])
        errors["password"] = first
        errors["password2"] = second
        return errors
    }

    /// The user an add form describes (realm = domain).
    static func newUser(from form: FormState) -> UserInfo {
        UserInfo(user: form["user"], domain: form["domain"].lowercased(), realm: form["domain"].lowercased(),
                 displayName: form["name"], email: form["email"])
    }

    /// `user` with an edit form's changes.
    static func edited(_ user: UserInfo, from form: FormState) -> UserInfo {
        var copy = user
        copy.displayName = form["name"]
        copy.email = form["email"]
        copy.forwardAddress = form["forward"]
        return copy
    }

    static let columns = [
        TableColumn("User", 16, flexible: true), TableColumn("Domain", 20, flexible: true),
        TableColumn("Name", 20, flexible: true), TableColumn("Email", 22, flexible: true),
        TableColumn("Forward", 16, flexible: true), TableColumn("Status", 10),
    ]

    static func cells(_ user: UserInfo, glyphs: Glyphs) -> (cells: [TableCell], role: ThemeRole) {
        ([TableCell(user.user), TableCell(user.domain), TableCell(user.displayName), TableCell(user.email),
          TableCell(user.forwardAddress),
          user.enabled ? TableCell("enabled", .ok) : TableCell(glyphs.disabled + " disabled", .warning)],
         user.enabled ? .normal : .dim)
    }

    static func searchText(_ user: UserInfo) -> String {
        [user.user, user.domain, user.displayName, user.email, user.forwardAddress,
         user.enabled ? "enabled" : "disabled"].joined(separator: " ").lowercased()
    }
}
