import ReproEngine

/// Pane 4: users. `a` adds, `e`/Enter edits, `p` sets a password, `x` disables/enables,
/// `d` deletes after confirmation. Every change goes to the engine at once.
final class UsersPane: Pane {
    let id = PaneID.users
    private var cursor = ListCursor()
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var rows: [UserInfo] = []
    private var builtVersion = -1
    private var form: FormState?
    private var submit: ((FormState, any PaneContext) -> Void)?

    var filter = "" {
        didSet { builtVersion = -1 }
    }

    var keyHelp: [KeyHelp] {
        [KeyHelp("Up/Down PgUp/PgDn Home/End", "move"), KeyHelp("a", "add a user"),
         KeyHelp("e / Enter", "edit name, email, forward"), KeyHelp("p", "set password"),
         KeyHelp("x", "disable / enable"), KeyHelp("d", "delete (asks first)")]
    }

    var footerHints: [KeyHelp] {
        form != nil ? [KeyHelp("Tab", "next"), KeyHelp("Enter", "save"), KeyHelp("Esc", "cancel")]
            : [KeyHelp("a", "add"), KeyHelp("e", "edit"), KeyHelp("p", "password"), KeyHelp("x", "dis/enable"),
               KeyHelp("d", "delete")]
    }

    var capturesInput: Bool { form != nil }

    func resize(to rect: Rect) { self.rect = rect }

    private func rebuild(_ model: ConsoleModel) {
        guard builtVersion != model.usersVersion else { return }
        builtVersion = model.usersVersion
        let needle = filter.lowercased()
        let sorted = model.users.sorted { ($0.domain, $0.user) < ($1.domain, $1.user) }
        rows = needle.isEmpty ? sorted : sorted.filter { UserForms.searchText($0).contains(needle) }
    }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        rebuild(context.model)
        cursor.clamp(count: rows.count, visible: rect.height - 1)
        let rows = self.rows
        let glyphs = canvas.glyphs
        TableView.draw(on: canvas, in: rect, columns: UserForms.columns, count: rows.count, cursor: cursor,
                       empty: filter.isEmpty ? "No users. Press a to add one." : "No user matches the filter.") { i in
            UserForms.cells(rows[i], glyphs: glyphs)
        }
        form?.draw(on: canvas, in: rect)
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        if let form {
            switch form.handleKey(key) {
            case .cancel: self.form = nil
            case .submit: submit?(form, context)
            case .none: break
            }
            return true
        }
        rebuild(context.model)
        if cursor.handle(key, count: rows.count, visible: rect.height - 1) { return true }
        let selected = cursor.selected < rows.count ? rows[cursor.selected] : nil
        switch key {
        case .char("a"):
            open(UserForms.add(defaultDomain: context.model.domains.first ?? ""), validate: UserForms.validateAdd) {
                form in
                let user = UserForms.newUser(from: form)
                let password = form["password"]
                return { api in try await api.addUser(user, password: password) }
            }
        case .char("e"), .enter:
            guard let user = selected else { return true }
            open(UserForms.edit(user), validate: UserForms.validateEdit) { form in
                let edited = UserForms.edited(user, from: form)
                return { api in try await api.updateUser(edited) }
            }
        case .char("p"):
            guard let user = selected else { return true }
            open(UserForms.password(user), validate: UserForms.validatePassword) { form in
                let password = form["password"]
                return { api in try await api.setPassword(user: user.user, domain: user.domain, password: password) }
            }
        case .char("x"):
            guard let user = selected else { return true }
            context.perform({ api in
                try await api.setUserEnabled(user: user.user, domain: user.domain, enabled: !user.enabled)
            }) { [weak context] result in
                self.report(result, done: "\(user.user)@\(user.domain) \(user.enabled ? "disabled" : "enabled")",
                            context: context)
            }
        case .char("d"):
            guard let user = selected else { return true }
            context.confirm("Delete user \(user.user)@\(user.domain)?") { [weak context] in
                context?.perform({ api in try await api.removeUser(user: user.user, domain: user.domain) }) {
                    result in
                    self.report(result, done: "Deleted \(user.user)@\(user.domain)", context: context)
                }
            }
        default:
            return false
        }
        return true
    }

    private func report(_ result: Result<Void, ControlError>, done: String, context: (any PaneContext)?) {
        switch result {
        case .success: context?.flash(done, isError: false)
        case .failure(let error): context?.flash(error.message, isError: true)
        }
        context?.requestRefresh(users: true, routes: false)
    }

    /// Opens a form whose valid submission runs the command `makeCommand` builds.
    private func open(_ form: FormState, validate: @escaping (FormState) -> [String: String],
                      makeCommand: @escaping (FormState) -> @Sendable (any ControlAPI) async throws -> Void) {
        self.form = form
        submit = { [weak self] form, context in
            form.generalError = nil
            // Bad input shows beside its field and saves nothing.
            guard form.setErrors(validate(form)) else { return }
            form.busy = true
            context.perform(makeCommand(form)) { [weak self, weak context] result in
                form.busy = false
                switch result {
                case .success:
                    if self?.form === form { self?.form = nil }
                    context?.flash("Saved", isError: false)
                    context?.requestRefresh(users: true, routes: false)
                case .failure(let error):
                    form.generalError = error.message
                }
            }
        }
    }
}
