import SIPCore

/// A syntax check for the URIs the store keeps (forward addresses, route
/// targets) and the Request-URIs `repro route test` takes.
///
/// The URI must parse with SIPCore's parser (the one the proxy uses) as a
/// sip, sips or tel URI, and also pass the shape checks below (RFC 3261
/// §19.1.1, RFC 3966), which refuse operator typos such as an empty host.
public enum SIPURISyntax {
    /// Throws `malformedURI` (naming `original`, when given) unless `text` is a sip, sips or tel URI.
    public static func validate(_ text: String, original: String? = nil) throws {
        let shown = original ?? text
        func fail(_ reason: String) -> StoreError { .malformedURI(shown, reason: reason) }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("contains white space or control characters")
        }
        guard let colon = text.firstIndex(of: ":") else { throw fail("no scheme (expected sip:, sips: or tel:)") }
        let scheme = text[..<colon].lowercased()
        let rest = text[text.index(after: colon)...]
        do {
            _ = try URI(text)
        } catch {
            throw fail("\(error)")
        }
        switch scheme {
        case "sip", "sips": try validateSIP(rest, fail: fail)
        case "tel": try validateTel(rest, fail: fail)
        default: throw fail("unsupported scheme \(scheme.debugDescription) (expected sip, sips or tel)")
        }
    }

    /// Whether `text` is an RFC 3261 §25.1 `token` (method names, event packages).
    public static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-.!%*_+`'~".unicodeScalars.contains(scalar))
        }
    }

    private static func validateSIP(_ rest: Substring, fail: (String) -> StoreError) throws {
        // userinfo ends at the last "@" before any parameters or headers.
        let beforeParams = rest.prefix { $0 != ";" && $0 != "?" }
        var hostPort = beforeParams
        if let at = beforeParams.lastIndex(of: "@") {
            if at == beforeParams.startIndex { throw fail("empty user part before @") }
            hostPort = beforeParams[beforeParams.index(after: at)...]
        }
        guard !hostPort.isEmpty else { throw fail("no host") }
        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("unterminated IPv6 reference") }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            guard IPNetwork.parseAddress(String(host)) != nil else { throw fail("bad IPv6 address \(host)") }
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected text after IPv6 address") }
                port = after.dropFirst()
            }
        } else {
            if let c = hostPort.firstIndex(of: ":") {
                host = hostPort[..<c]
                port = hostPort[hostPort.index(after: c)...]
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
            else { throw fail("bad host \(String(host).debugDescription)") }
        }
        if let port {
            guard let n = Int(port), (1...65535).contains(n) else { throw fail("bad port \(String(port).debugDescription)") }
        }
    }

    private static func validateTel(_ rest: Substring, fail: (String) -> StoreError) throws {
        let number = rest.prefix { $0 != ";" }
        guard let first = number.first, first == "+" || first.isNumber || first.isHexDigit else {
            throw fail("a tel URI needs a number")
        }
        let allowed = Set("0123456789abcdefABCDEF*#+-.()")
        guard number.allSatisfy({ allowed.contains($0) }) else { throw fail("bad telephone number \(number)") }
    }
}
