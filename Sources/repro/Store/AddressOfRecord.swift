import ArgumentParser

/// A `user@domain` argument, split at the last `@`.
struct AddressOfRecord: ExpressibleByArgument, CustomStringConvertible {
    let user: String
    let domain: String

    init?(argument: String) {
        var text = argument
        for scheme in ["sip:", "sips:"] where text.lowercased().hasPrefix(scheme) { text.removeFirst(scheme.count) }
        guard let at = text.lastIndex(of: "@") else { return nil }
        user = String(text[..<at])
        domain = String(text[text.index(after: at)...]).lowercased()
        if user.isEmpty || domain.isEmpty { return nil }
    }

    var description: String { "\(user)@\(domain)" }

    static var defaultCompletionKind: CompletionKind { .default }
}
