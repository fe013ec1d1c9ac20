/// The common form of a name-addr, read in one pass over the bytes.
extension NameAddr {
    /// Where the parts of a name-addr in its common form sit in the bytes.
    private struct CommonForm {
        var display: Range<Int>?
        var isSecure: Bool
        var user: Range<Int>?
        var host: Range<Int>
        var port: Int?
        var uriParameters: Range<Int>
        /// The position of the closing `>`.
        var close: Int
    }

    /// Reads `[display-name] <sip[s]:[user@]host[:port][;uri-parameters]>` and the header
    /// parameters after it, when the display name is a token run or a quoted-string with no
    /// quoted-pair, the user part has no escape or password, and the URI parameters are
    /// plain — what nearly every From, To, Route and Contact looks like. Its parts are left
    /// in place in the bytes (`NameAddrParts.received`).
    ///
    /// Returns nil, with `s` untouched, for any other form, which `parseGeneral` then reads
    /// in full (and rejects if it is malformed): this never accepts what `parseGeneral`
    /// would reject, and reads the same value from what it accepts (RFC 3261 §20.10, §25.1).
    static func parseCommonForm(_ s: inout ByteScanner) throws(SipParseError) -> NameAddr? {
        let start = s.position
        let end = s.end
        let scanned: CommonForm? = s.bytes.withUnsafeBufferPointer { b in
            var i = start
            while i < end, CharacterClass.isWhitespace(b[i]) { i &+= 1 }
            var display: Range<Int>?
            if i < end, b[i] == UInt8(ascii: "\"") {
                var q = i &+ 1
                while q < end, b[q] != UInt8(ascii: "\""), b[q] != UInt8(ascii: "\\") { q &+= 1 }
                guard q < end, b[q] == UInt8(ascii: "\"") else { return nil }
                // `""` is no display name, as `parseGeneral` reads it.
                if q > i &+ 1 { display = (i &+ 1)..<q }
                i = q &+ 1
                while i < end, CharacterClass.isWhitespace(b[i]) { i &+= 1 }
            } else {
                let run = i
                while i < end, CharacterClass.isDisplayNameChar(b[i]) { i &+= 1 }
                var from = run
                var to = i
                while from < to, b[from] == 0x20 || b[from] == 0x09 { from &+= 1 }
                while to > from, b[to &- 1] == 0x20 || b[to &- 1] == 0x09 { to &-= 1 }
                if from < to { display = from..<to }
            }
            guard i < end, b[i] == UInt8(ascii: "<") else { return nil }
            i &+= 1
            // "sip:" or "sips:", the scheme in any case.
            guard end &- i >= 4, CharacterClass.lower(b[i]) == UInt8(ascii: "s"),
                  CharacterClass.lower(b[i &+ 1]) == UInt8(ascii: "i"),
                  CharacterClass.lower(b[i &+ 2]) == UInt8(ascii: "p") else { return nil }
            var isSecure = false
            if b[i &+ 3] == UInt8(ascii: ":") {
                i &+= 4
            } else if end &- i >= 5, CharacterClass.lower(b[i &+ 3]) == UInt8(ascii: "s"), b[i &+ 4] == UInt8(ascii: ":") {
                isSecure = true
                i &+= 5
            } else {
                return nil
            }
            // A userinfo is there exactly when an '@' comes before the '>' (or a space).
            var at = i
            while at < end, b[at] != UInt8(ascii: "@"), b[at] != UInt8(ascii: ">"), b[at] != 0x20 { at &+= 1 }
            var user: Range<Int>?
            if at < end, b[at] == UInt8(ascii: "@") {
                var k = i
                while k < at, CharacterClass.isUserChar(b[k]) { k &+= 1 }
                guard k == at, at > i else { return nil }
                user = i..<at
                i = at &+ 1
            }
            guard let (host, port) = SipURI.scanHostPort(b, &i, end: end) else { return nil }
            // uri-parameters with no escape (what `SipURI.plainParameters` keeps as text).
            let parameters = i
            guard let afterParameters = Parameters.plainRunEnd(b, from: i, to: end, emptyValues: true,
                                                               name: CharacterClass.isURIParamChar,
                                                               value: CharacterClass.isURIParamChar)
            else { return nil }
            i = afterParameters
            guard i < end, b[i] == UInt8(ascii: ">") else { return nil }
            return CommonForm(display: display, isSecure: isSecure, user: user, host: host, port: port,
                              uriParameters: parameters..<i, close: i)
        }
        guard let f = scanned, let received = ReceivedUserHost(s.bytes, user: f.user, host: f.host) else { return nil }
        var receivedDisplay: ReceivedText?
        if let d = f.display {
            guard let r = ReceivedText(s.bytes, d) else { return nil }
            receivedDisplay = r
        }
        let parts = NameAddrParts(displayName: nil, receivedDisplayName: receivedDisplay, isSecure: f.isSecure,
                                  usesAngleBrackets: true, user: nil, password: nil, host: "", port: f.port,
                                  uriParameters: Parameters(plainBytes: s.bytes, f.uriParameters), uriHeaders: [],
                                  received: received)
        s.position = f.close &+ 1
        parts.fieldParameters = try Parameters.parse(&s)
        return NameAddr(parts: parts)
    }
}
