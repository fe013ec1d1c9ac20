/// The key that matches messages to a transaction (RFC 3261 §17.1.3, §17.2.3).
///
/// With an RFC 3261 branch (magic cookie `z9hG4bK`) the key is the branch, the
/// top Via's sent-by and the method, ACK counting as INVITE so that an ACK for
/// a non-2xx finds its INVITE server transaction. A CANCEL keeps its own
/// method, so it gets its own transaction; `invite` gives the key of the INVITE
/// it cancels. Without the cookie (RFC 2543 peers) the key is built from the
/// Request-URI, From tag, Call-ID, CSeq number and top Via (§17.2.3's fallback;
/// the To tag is left out so the ACK, which carries the response's To tag,
/// matches its INVITE).
public struct TransactionKey: Hashable, Sendable, CustomStringConvertible {
    /// The fields, in one immutable object: a key is copied into the transaction, its table
    /// and its timers' closures, and each copy is then one retain rather than one per string.
    private let storage: Storage

    public var branch: String { storage.branch }
    public var sentBy: String { storage.sentBy }
    public var method: SipMethod { storage.method }
    /// Whether the key was built by the RFC 2543 fallback.
    public var isLegacy: Bool { storage.isLegacy }

    public init(branch: String, sentBy: String, method: SipMethod, isLegacy: Bool = false) {
        storage = Storage(branch: branch, sentBy: sentBy, method: method == .ack ? .invite : method, isLegacy: isLegacy)
    }

    public static func == (a: TransactionKey, b: TransactionKey) -> Bool {
        if a.storage === b.storage { return true }
        let x = a.storage, y = b.storage
        return x.fieldsHash == y.fieldsHash && x.branch == y.branch && x.sentBy == y.sentBy && x.method == y.method
            && x.isLegacy == y.isLegacy
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fieldsHash)
    }

    private final class Storage: Sendable {
        let branch: String
        let sentBy: String
        let method: SipMethod
        let isLegacy: Bool
        /// The hash of the fields, computed once. A transaction table holds a key for every
        /// transaction waiting out Timer J (hundreds of thousands under a UDP storm); when the
        /// table grows it rehashes every key, and hashing the strings anew each time stopped
        /// the event loop for tens of milliseconds.
        let fieldsHash: Int

        init(branch: String, sentBy: String, method: SipMethod, isLegacy: Bool) {
            self.branch = branch
            self.sentBy = sentBy
            self.method = method
            self.isLegacy = isLegacy
            var hasher = Hasher()
            hasher.combine(branch)
            hasher.combine(sentBy)
            hasher.combine(method)
            hasher.combine(isLegacy)
            fieldsHash = hasher.finalize()
        }
    }

    /// The key of the server transaction a request belongs to (§17.2.3).
    public static func server(for request: SipMessage) throws(SipParseError) -> TransactionKey {
        guard let via = try request.firstValue(.vias) else {
            throw SipParseError(.missingHeader, "missing header", header: "Via")
        }
        let method = request.method
        let sentBy = Self.sentBy(host: via.host, port: via.port ?? 0)
        if let branch = via.branch, via.hasMagicCookie {
            return TransactionKey(branch: branch, sentBy: sentBy, method: method)
        }
        let cseq = try request.get(.cSeq)
        let legacy = [
            request.requestURI?.description ?? "",
            try request.get(.from).tag ?? "",
            try request.get(.callID),
            String(cseq.sequence),
            via.headerText,
        ].joined(separator: "|")
        return TransactionKey(branch: legacy, sentBy: sentBy, method: method, isLegacy: true)
    }

    /// `host:port` with the host in lower case (host names compare case-insensitively,
    /// RFC 3261 §19.1.4), written into one buffer: made for every request received.
    static func sentBy(host: String, port: Int) -> String {
        let count = host.utf8.count
        guard host.utf8.allSatisfy({ $0 < 0x80 }), (0...65535).contains(port) else {
            return "\(host.lowercased()):\(port)"
        }
        return String(unsafeUninitializedCapacity: count + 6) { out in
            var n = 0
            for b in host.utf8 {
                out[n] = CharacterClass.lower(b)
                n += 1
            }
            out[n] = UInt8(ascii: ":")
            n += 1 + DecimalText.width(UInt(port))
            DecimalText.write(UInt(port), into: out, endingAt: n)
            return n
        }
    }

    /// The key of the client transaction a response belongs to (§17.1.3): the top
    /// Via's branch and the CSeq method.
    public static func client(for response: SipMessage) throws(SipParseError) -> TransactionKey {
        guard let via = try response.firstValue(.vias) else {
            throw SipParseError(.missingHeader, "missing header", header: "Via")
        }
        let cseq = try response.get(.cSeq)
        return TransactionKey(branch: via.branch ?? "", sentBy: "", method: cseq.method)
    }

    /// The key of a client transaction for a request we send: our top Via's branch and the method.
    public static func client(forRequest request: SipMessage) throws(SipParseError) -> TransactionKey {
        guard let via = try request.firstValue(.vias) else {
            throw SipParseError(.missingHeader, "missing header", header: "Via")
        }
        return TransactionKey(branch: via.branch ?? "", sentBy: "", method: request.method)
    }

    /// For a CANCEL's key: the key of the INVITE it cancels (RFC 3261 §9.2).
    public var invite: TransactionKey {
        TransactionKey(branch: branch, sentBy: sentBy, method: .invite, isLegacy: isLegacy)
    }

    public var description: String { "\(method.name) \(branch) \(sentBy)" }
}
