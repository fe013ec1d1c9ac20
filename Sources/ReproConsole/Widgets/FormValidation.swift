import Foundation

/// Checks on what a form's fields hold, before anything is sent to the engine.
/// Each returns nil when the value is good, or a short message for beside the field.
enum FormValidation {
    /// RFC 3261 §25.1 `user`: unreserved, escaped and user-unreserved characters.
    static func user(_ value: String) -> String? {
        if value.isEmpty { return "required" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/%")
        guard value.allSatisfy({ allowed.contains($0) }) else { return "invalid character in user" }
        return nil
    }

    /// A host name (RFC 1123 labels) or an IPv4/IPv6 address.
    static func domain(_ value: String) -> String? {
        if value.isEmpty { return "required" }
        if value.hasPrefix("[") && value.hasSuffix("]") {
            return value.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
                ? nil : "invalid IPv6 address"
        }
        guard value.count <= 253 else { return "too long" }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return "invalid domain" }
        }
        return nil
    }

    /// A `sip:`, `sips:` or `tel:` URI with something after the scheme and no spaces.
    static func uri(_ value: String) -> String? {
        if value.isEmpty { return "required" }
        let lower = value.lowercased()
        guard let scheme = ["sip:", "sips:", "tel:"].first(where: { lower.hasPrefix($0) }) else {
            return "must start with sip:, sips: or tel:"
        }
        let rest = value.dropFirst(scheme.count)
        guard !rest.isEmpty, !rest.contains(" "), !rest.hasPrefix("@") else { return "invalid URI" }
        if scheme != "tel:" {
            let hostPart = rest.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
            let host = hostPart.split(separator: ";").first.map(String.init) ?? ""
            guard !host.isEmpty else { return "missing host" }
        }
        return nil
    }

    /// A regular expression that compiles.
    static func regex(_ value: String) -> String? {
        if value.isEmpty { return "required" }
        do {
            _ = try NSRegularExpression(pattern: value)
            return nil
        } catch {
            return "invalid regular expression"
        }
    }

    /// A SIP method token (RFC 3261 §25.1), or empty when `optional`.
    static func method(_ value: String, optional: Bool) -> String? {
        if value.isEmpty { return optional ? nil : "required" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~")
        return value.allSatisfy({ allowed.contains($0) }) ? nil : "invalid method"
    }

    /// An email address (something@domain) or empty.
    static func email(_ value: String) -> String? {
        if value.isEmpty { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(" "), domain(String(parts[1])) == nil else {
            return "invalid email"
        }
        return nil
    }

    /// A password typed twice: non-empty and the same both times (the error goes beside the second).
    static func passwords(_ first: String, _ second: String) -> (first: String?, second: String?) {
        if first.isEmpty { return ("required", nil) }
        if first != second { return (nil, "passwords differ") }
        return (nil, nil)
    }

    /// A route rewrite: a URI, possibly with `$1`-style group references.
    static func rewrite(_ value: String) -> String? {
        if value.isEmpty { return "required" }
        var probe = value
        for n in 0...9 { probe = probe.replacingOccurrences(of: "$\(n)", with: "x") }
        return uri(probe)
    }
}
