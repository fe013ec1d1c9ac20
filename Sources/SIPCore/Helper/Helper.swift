/// Builders for requests and responses, and fresh identifiers, as RFC 3261 §8.1.1
/// and §8.2.6 describe them.
public enum Helper {
    /// The magic cookie that starts every RFC 3261 branch (§8.1.1.7).
    public static let magicCookie = "z9hG4bK"

    /// A new From/To tag (§19.3): 15 characters, 88 bits of randomness, so that the tag is a
    /// small String held inline (a sixteenth character would put it on the heap, one more
    /// allocation for every response that adds a To tag).
    public static func newTag() -> String { RandomToken.make(count: 15) }

    /// A new branch, magic cookie first (§8.1.1.7).
    public static func newBranch() -> String { magicCookie + RandomToken.make(count: 22) }

    /// A new Call-ID (§8.1.1.4), optionally `@host`.
    public static func newCallID(host: String? = nil) -> String {
        let id = RandomToken.make(count: 24)
        return host.map { "\(id)@\($0)" } ?? id
    }

    /// A new request (§8.1.1): Request-URI `target`; To, From (tagged if it has no tag),
    /// Call-ID, CSeq, Max-Forwards 70, Contact, and a Via with a new branch when `via` is given.
    public static func makeRequest(method: SipMethod, target: URI, from: NameAddr, to: NameAddr,
                                   contact: NameAddr? = nil, via: Via? = nil, callID: String? = nil,
                                   cseq: UInt32 = 1) -> SipMessage {
        let m = SipMessage(method: method, uri: target)
        if var via {
            if via.branch == nil { via.branch = newBranch() }
            m.pushFront(.vias, via)
        }
        m[.maxForwards] = 70
        m[.to] = to
        var from = from
        if from.tag == nil { from.tag = newTag() }
        m[.from] = from
        m[.callID] = callID ?? newCallID()
        m[.cSeq] = CSeq(cseq, method)
        if let contact { m.pushBack(.contacts, contact) }
        m[.contentLength] = 0
        return m
    }

    /// A REGISTER for `aor` to `registrar` (§10.2): To and From are the address-of-record.
    public static func makeRegister(registrar: URI, aor: NameAddr, contact: NameAddr?, expires: Int? = nil,
                                    via: Via? = nil, callID: String? = nil, cseq: UInt32 = 1) -> SipMessage {
        let m = makeRequest(method: .register, target: registrar, from: aor, to: aor, contact: contact,
                            via: via, callID: callID, cseq: cseq)
        if let expires { m[.expires] = expires }
        return m
    }

    /// A response to `request` (§8.2.6.2): Via, From, To, Call-ID and CSeq copied;
    /// a To tag added when the response is not a 100 and the request had none.
    ///
    /// The copied lines are the request's own bytes, not re-encoded: a response
    /// echoes what the client sent, and building one costs no parsing or writing.
    public static func makeResponse(to request: SipMessage, code: Int, reason: String? = nil,
                                    toTag: String? = nil) -> SipMessage {
        let r = SipMessage(statusCode: code, reason: reason)
        r.copyHeaderLines(SipMessage.responseCopiedHeaders, from: request)
        if code > 100, var raw = r.firstRawValue(.to, extra: Self.toTagRoom) {
            // §8.2.6.2: the To gets a tag unless it has one. It is appended to the text as
            // received (a header parameter, after any `>`), so the To is not encoded anew;
            // an unreadable To gets its tag the same way.
            let hasTag = (try? request.get(.to)).map { $0.tag != nil } ?? Self.hasTagParameter(raw)
            if !hasTag {
                raw.append(contentsOf: ";tag=".utf8)
                raw.append(contentsOf: (toTag ?? newTag()).utf8)
                r.replaceFirstRawValue(.to, with: raw)
            }
        }
        // The same bytes for every response, shared rather than encoded anew (typed on read).
        try? r.addHeader(.contentLength, value: zeroContentLength)
        return r
    }

    /// Room for `;tag=` and a tag of ours (or a typical one given), appended to a response's To.
    private static var toTagRoom: Int { 32 }

    /// The value of `Content-Length: 0`.
    private static let zeroContentLength: [UInt8] = [UInt8(ascii: "0")]

    /// Whether raw header text carries a `tag` parameter (names are case-insensitive and
    /// may have white space around them, RFC 3261 §7.3.1).
    static func hasTagParameter(_ raw: [UInt8]) -> Bool {
        let squeezed = raw.filter { $0 != 0x20 && $0 != 0x09 }.map { CharacterClass.lower($0) }
        return squeezed.firstRange(of: Array(";tag=".utf8)) != nil
    }

    /// The CANCEL for a request we sent (§9.1): same Request-URI, Call-ID, To, From,
    /// CSeq number and top Via; Route headers copied.
    public static func makeCancel(for request: SipMessage) -> SipMessage {
        let uri = request.requestURI ?? .absolute(AbsoluteURI(scheme: "sip", text: "sip:invalid"))
        let c = SipMessage(method: .cancel, uri: uri)
        if let top = request.front(.vias) { c.pushFront(.vias, top) }
        c[.maxForwards] = 70
        if let to = request[.to] { c[.to] = to }
        if let from = request[.from] { c[.from] = from }
        if let callID = request[.callID] { c[.callID] = callID }
        if let cseq = request[.cSeq] { c[.cSeq] = CSeq(cseq.sequence, .cancel) }
        let routes = request[.routes]
        if !routes.isEmpty { c[.routes] = routes }
        c[.contentLength] = 0
        return c
    }

    /// The ACK for a non-2xx final response to an INVITE (§17.1.1.3): Request-URI,
    /// Call-ID, From, CSeq number and top Via of the INVITE; To from the response; Routes copied.
    public static func makeAck(for invite: SipMessage, response: SipMessage) -> SipMessage {
        let uri = invite.requestURI ?? .absolute(AbsoluteURI(scheme: "sip", text: "sip:invalid"))
        let a = SipMessage(method: .ack, uri: uri)
        if let top = invite.front(.vias) { a.pushFront(.vias, top) }
        a[.maxForwards] = 70
        if let to = response[.to] ?? invite[.to] { a[.to] = to }
        if let from = invite[.from] { a[.from] = from }
        if let callID = invite[.callID] { a[.callID] = callID }
        if let cseq = invite[.cSeq] { a[.cSeq] = CSeq(cseq.sequence, .ack) }
        let routes = invite[.routes]
        if !routes.isEmpty { a[.routes] = routes }
        a[.contentLength] = 0
        return a
    }

    /// A 400 (or `code`) answering bytes that failed to parse, built from the raw Via, From,
    /// To, Call-ID and CSeq lines the error carries; nil when they were not all readable.
    public static func makeResponse(forUnparsable error: SipParseError, code: Int = 400) -> [UInt8]? {
        guard let ctx = error.replyContext else { return nil }
        var out: [UInt8] = []
        out.append(contentsOf: "SIP/2.0 \(code) \(code == 400 ? error.reasonPhrase : ReasonPhrase.standard(for: code))\r\n".utf8)
        for v in ctx.vias { out.append(contentsOf: "Via: \(v)\r\n".utf8) }
        out.append(contentsOf: "From: \(ctx.from)\r\n".utf8)
        var to = ctx.to
        let hasTag = (try? NameAddr(to)).map { $0.tag != nil } ?? hasTagParameter(Array(to.utf8))
        if !hasTag { to += ";tag=\(newTag())" }
        out.append(contentsOf: "To: \(to)\r\nCall-ID: \(ctx.callID)\r\nCSeq: \(ctx.cSeq)\r\nContent-Length: 0\r\n\r\n".utf8)
        return out
    }
}
