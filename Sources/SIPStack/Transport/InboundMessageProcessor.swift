import NIOCore
import SIPCore

/// Turns the bytes of one received message into a message to hand up, or a rejection
/// with the error response to send back (RFC 3261 §18.1.2, §18.2.1, §18.3; RFC 3581 §4).
///
/// Pure and synchronous: it does no I/O, so the transport's handlers and the tests
/// share it.
struct InboundMessageProcessor: Sendable {
    /// The outcome for one message.
    enum Verdict {
        /// A valid message, with `received`/`rport` stamped on a request's top Via.
        case deliver(SipMessage)
        /// Not valid: count it, and send `reply` back to the source when it is non-nil.
        case reject(SipParseError, reply: [UInt8]?)
    }

    let limits: ParseLimits

    func process(_ bytes: [UInt8], from source: SipSource) -> Verdict {
        let parsed = parse(bytes)
        guard case .deliver(let message) = parsed else { return parsed }
        return check(message, from: source)
    }

    /// The first half of `process`: indexes the bytes. `.deliver` carries the message not
    /// yet checked, which the transport may hand to another event loop for `check`.
    func parse(_ bytes: [UInt8]) -> Verdict {
        do {
            return .deliver(try SipMessage.parse(bytes, limits: limits))
        } catch {
            // RFC 3261 §18.3: a request that cannot be read SHOULD get a 400, a response is discarded.
            return .reject(error, reply: Helper.makeResponse(forUnparsable: error, code: Self.responseCode(for: error)))
        }
    }

    /// The second half of `process`: checks the headers every element needs and stamps a
    /// request's top Via.
    func check(_ message: SipMessage, from source: SipSource) -> Verdict {
        if let error = Self.invalidEssentialHeader(in: message) {
            return .reject(error, reply: message.isRequest ? Self.errorResponse(to: message, error: error) : nil)
        }
        if message.isRequest { Self.stampReceived(on: message, from: source.remote) }
        return .deliver(message)
    }

    /// 513 for a message over the size limits (RFC 3261 §21.5.14), else 400.
    static func responseCode(for error: SipParseError) -> Int {
        switch error.kind {
        case .messageTooLarge, .bodyTooLarge: return 513
        default: return 400
        }
    }

    /// The first problem with the headers every element needs (RFC 3261 §8.1.1, §16.3):
    /// Via, From, To, Call-ID, CSeq, and for a request its Request-URI and the CSeq method.
    /// Checked eagerly so the layers above never meet a message they cannot answer.
    static func invalidEssentialHeader(in message: SipMessage) -> SipParseError? {
        do throws(SipParseError) {
            if try message.valueCount(.vias) == 0 {
                throw SipParseError(.missingHeader, "missing header", header: "Via")
            }
            _ = try message.get(.from)
            _ = try message.get(.to)
            _ = try message.get(.callID)
            let cseq = try message.get(.cSeq)
            if message.isRequest {
                _ = try message.parsedRequestURI()
                // RFC 3261 §8.1.1.5: the CSeq method matches the request's method.
                guard cseq.method == message.method else {
                    throw SipParseError(.badHeaderValue, "method \(cseq.method) does not match the request's \(message.method)",
                                        header: "CSeq")
                }
            }
            return nil
        } catch {
            return error
        }
    }

    /// A 400 (or 513) for a request that indexed but has a bad essential header, its reason
    /// naming the problem (RFC 3261 §21.4.1). Headers that did not parse are echoed as
    /// received so the client can still match the response (§8.2.6.2); nil when one of
    /// the five is missing altogether.
    static func errorResponse(to request: SipMessage, error: SipParseError, code: Int = 400) -> [UInt8]? {
        let reason = code == 400 ? error.reasonPhrase : ReasonPhrase.standard(for: code)
        let response = Helper.makeResponse(to: request, code: code, reason: reason)
        do throws(SipParseError) {
            if response[.vias].isEmpty {
                let raw = request.headerValues(named: "Via")
                guard !raw.isEmpty else { return nil }
                for v in raw { try response.addHeader(named: "Via", value: v) }
            }
            for name in ["From", "To", "Call-ID", "CSeq"] where !response.exists(named: name) {
                guard var value = request.headerValue(named: name), !value.isEmpty else { return nil }
                if name == "To", !value.contains(";tag=") { value += ";tag=\(Helper.newTag())" }
                try response.setHeader(named: name, value: value)
            }
        } catch {
            return nil
        }
        return response.serialize()
    }

    /// The 513 (message too large) or 400 answering a stream message that could not be
    /// framed, built from `head`, the first bytes of that message; nil when its Via, From,
    /// To, Call-ID and CSeq cannot be read from them, or it is a response.
    static func errorResponse(forUnframeable error: SipParseError, head: [UInt8]) -> [UInt8]? {
        // Only whole lines: a value cut short must not be echoed as if it were complete.
        guard let lastLineBreak = head.lastIndex(of: 0x0a) else { return nil }
        let lines = Array(head[...lastLineBreak])
        let framingError = error
        let code = responseCode(for: framingError)
        do {
            let message = try SipMessage.parse(lines, limits: .default)
            guard message.isRequest else { return nil }
            return errorResponse(to: message, error: framingError, code: code)
        } catch let parseError {
            // The parser found the reply lines even though the message itself is cut short.
            var answered = framingError
            answered.replyContext = parseError.replyContext
            return Helper.makeResponse(forUnparsable: answered, code: code)
        }
    }

    /// RFC 3261 §18.2.1: add `received` when the top Via's sent-by host is not the packet's
    /// source address; RFC 3581 §4: fill an empty `rport` with the source port, and then
    /// always add `received`.
    static func stampReceived(on request: SipMessage, from remote: SocketAddress) {
        guard let ip = remote.addressText, var top = request.front(.vias) else { return }
        // The parameters are changed as one copy (a plain list as its text, see `Parameters`).
        var parameters = top.parameters
        if top.hasRport, top.rport == nil, let port = remote.port {
            parameters.set(("rport", String(port)), ("received", ip))
        } else if !Self.host(top.host, isAddress: ip) {
            parameters.set("received", ip)
        } else {
            return
        }
        top.parameters = parameters
        // Rewrites only the top value's line; the other Via lines keep their bytes.
        request.popFront(.vias)
        request.pushFront(.vias, top)
    }

    /// Whether the Via host `host` is the numeric address `ip` (textual forms may differ for IPv6).
    static func host(_ host: String, isAddress ip: String) -> Bool {
        if host == ip { return true }
        var h = Substring(host)
        if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        guard let parsed = try? SocketAddress(ipAddress: String(h), port: 0) else { return false }
        return parsed.addressText == ip
    }
}
