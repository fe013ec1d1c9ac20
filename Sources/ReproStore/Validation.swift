/// The field rules every record must meet before it is stored, shared by all
/// backends so they accept and refuse the same input.
enum Validation {
    static func check(_ user: UserRecord) throws {
        try checkName(user.user, field: "user", forbidden: "@:;?<>\"")
        try checkDomainName(user.domain)
        guard !user.realm.isEmpty else { throw StoreError.invalidValue(field: "realm", reason: "empty realm") }
        try checkHex(user.ha1, length: 32, field: "ha1", allowEmpty: false)
        try checkHex(user.ha1Sha256, length: 64, field: "ha1Sha256", allowEmpty: true)
        if !user.forwardAddress.isEmpty { try SIPURISyntax.validate(user.forwardAddress) }
        if user.email.contains(where: { $0.isWhitespace }) || (!user.email.isEmpty && !user.email.contains("@")) {
            throw StoreError.invalidValue(field: "email", reason: "\(user.email.debugDescription) is not an e-mail address")
        }
        if user.displayName.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw StoreError.invalidValue(field: "display name", reason: "contains control characters")
        }
    }

    static func check(_ domain: DomainRecord) throws {
        try checkDomainName(domain.name)
        guard !domain.realm.isEmpty else { throw StoreError.invalidValue(field: "realm", reason: "empty realm") }
        if domain.realm.contains(where: { $0 == "\"" || $0.isNewline }) {
            throw StoreError.invalidValue(field: "realm", reason: "contains a quote or line break")
        }
    }

    static func check(_ entry: AclEntry) throws {
        if entry.network == nil {
            try checkDomainName(entry.tlsPeerName, field: "TLS peer name")
        }
    }

    /// A host name or IP address: letters, digits, `-`, `.` or an IPv6 literal.
    static func checkDomainName(_ name: String, field: String = "domain") throws {
        guard !name.isEmpty else { throw StoreError.invalidValue(field: field, reason: "empty") }
        var host = name
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if IPNetwork.parseAddress(host) != nil { return }
        let ok = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            && !name.hasPrefix(".") && !name.hasPrefix("-") && !name.contains("..")
        if !ok {
            throw StoreError.invalidValue(field: field, reason: "\(name.debugDescription) is not a host name or address")
        }
    }

    private static func checkName(_ name: String, field: String, forbidden: String) throws {
        guard !name.isEmpty else { throw StoreError.invalidValue(field: field, reason: "empty") }
        if name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
            || name.contains(where: { forbidden.contains($0) }) {
            throw StoreError.invalidValue(field: field, reason:
                "\(name.debugDescription) contains white space, control characters or one of \(forbidden)")
        }
    }

    private static func checkHex(_ text: String, length: Int, field: String, allowEmpty: Bool) throws {
        if text.isEmpty && allowEmpty { return }
        guard text.count == length, text.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw StoreError.invalidValue(field: field, reason: "expected \(length) lower-case hex digits")
        }
    }
}
