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
public struct TransactionKey: Hashable, @unchecked Sendable, CustomStringConvertible {
    /// The fields, in one immutable object: a key is copied into the transaction, its table
    /// and its timers' closures, and each copy is then one retain rather than one per string.
    /// (Sendable by hand: `ManagedBuffer` is not, and this one is never changed once made.)
    private let storage: Storage

    public var branch: String { storage.branch }
    public var sentBy: String { storage.sentBy }
    public var method: SipMethod { storage.header.method }
    /// Whether the key was built by the RFC 2543 fallback.
    public var isLegacy: Bool { storage.header.isLegacy }

    public init(branch: String, sentBy: String, method: SipMethod, isLegacy: Bool = false) {
        let method = method == .ack ? .invite : method
        storage = branch.withUTF8Bytes { b in
            sentBy.withUTF8Bytes { s in
                Storage.make(branchCount: b.count, sentByCount: s.count, method: method, isLegacy: isLegacy) { out in
                    out.put(b)
                    out.put(s)
                }
            }
        }
    }

    private init(storage: Storage) { self.storage = storage }

    public static func == (a: TransactionKey, b: TransactionKey) -> Bool {
        a.storage === b.storage || a.storage.hasSameFields(as: b.storage)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.header.fieldsHash)
    }

    /// A hash of the fields, worked out once when the key was made (for spreading keys over
    /// tables without hashing them again; equal keys have equal values, within one process).
    public var fieldsHash: Int { storage.header.fieldsHash }

    /// What a key's object holds besides the bytes of its branch and sent-by (which follow
    /// it, in one allocation: a key is made for every request received).
    private struct Header {
        let branchCount: Int
        let sentByCount: Int
        let method: SipMethod
        let isLegacy: Bool
        /// The hash of the fields, computed once. A transaction table holds a key for every
        /// transaction waiting out Timer J (hundreds of thousands under a UDP storm); when the
        /// table grows it rehashes every key, and hashing the fields anew each time stopped
        /// the event loop for tens of milliseconds.
        var fieldsHash = 0
    }

    /// The branch's bytes, then the sent-by's, after the header. Never changed once made.
    private final class Storage: ManagedBuffer<Header, UInt8> {
        /// A key's object, its `branchCount + sentByCount` bytes written by `write`.
        static func make(branchCount: Int, sentByCount: Int, method: SipMethod, isLegacy: Bool,
                         write: (inout MessageWriter) -> Void) -> Storage {
            let count = branchCount + sentByCount
            let buffer = Storage.create(minimumCapacity: count) { _ in
                Header(branchCount: branchCount, sentByCount: sentByCount, method: method, isLegacy: isLegacy)
            }
            let storage = unsafeDowncast(buffer, to: Storage.self)
            storage.withUnsafeMutablePointers { header, bytes in
                var out = MessageWriter(UnsafeMutableBufferPointer(start: bytes, count: count))
                write(&out)
                precondition(out.count == count, "a transaction key's bytes left unwritten")
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(start: bytes, count: count))
                hasher.combine(branchCount)
                hasher.combine(method)
                hasher.combine(isLegacy)
                header.pointee.fieldsHash = hasher.finalize()
            }
            return storage
        }

        /// Calls `body` with the branch's bytes and the sent-by's.
        func withFields<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R) -> R {
            withUnsafeMutablePointers { header, bytes in
                let h = header.pointee
                return body(UnsafeBufferPointer(start: bytes, count: h.branchCount),
                            UnsafeBufferPointer(start: bytes + h.branchCount, count: h.sentByCount))
            }
        }

        var branch: String { withFields { b, _ in String(decoding: b, as: UTF8.self) } }
        var sentBy: String { withFields { _, s in String(decoding: s, as: UTF8.self) } }

        /// Whether `other` holds the same branch, sent-by, method and kind (bytes compared as
        /// they are: a branch is case-sensitive, and a sent-by is stored in lower case).
        func hasSameFields(as other: Storage) -> Bool {
            let x = header, y = other.header
            guard x.fieldsHash == y.fieldsHash, x.branchCount == y.branchCount, x.sentByCount == y.sentByCount,
                  x.isLegacy == y.isLegacy, x.method == y.method else { return false }
            return withFields { b1, s1 in
                other.withFields { b2, s2 in
                    b1.elementsEqual(b2) && s1.elementsEqual(s2)
                }
            }
        }
    }

    /// The key of the server transaction a request belongs to (§17.2.3).
    public static func server(for request: SipMessage) throws(SipParseError) -> TransactionKey {
        guard let via = try request.firstValue(.vias) else {
            throw SipParseError(.missingHeader, "missing header", header: "Via")
        }
        var method = request.method
        if method == .ack { method = .invite }
        let host = via.host
        let port = via.port ?? 0
        // An RFC 3261 branch: its bytes and `host:port` written straight into the key.
        if let key = via.parameters.withValueBytes("branch", { branch -> TransactionKey? in
            guard let branch, Self.hasMagicCookie(branch) else { return nil }
            return Self.sentByBytes(host: host, port: port) { count, writeSentBy in
                TransactionKey(storage: Storage.make(branchCount: branch.count, sentByCount: count, method: method,
                                                     isLegacy: false) { out in
                    out.put(branch)
                    writeSentBy(&out)
                })
            }
        }) {
            return key
        }
        let sentBy = Self.sentBy(host: host, port: port)
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

    /// Whether `branch` starts with the RFC 3261 magic cookie `z9hG4bK` (§8.1.1.7).
    private static func hasMagicCookie(_ branch: UnsafeBufferPointer<UInt8>) -> Bool {
        let cookie: StaticString = "z9hG4bK"
        guard branch.count >= cookie.utf8CodeUnitCount else { return false }
        return UnsafeBufferPointer(start: cookie.utf8Start, count: cookie.utf8CodeUnitCount)
            .elementsEqual(UnsafeBufferPointer(rebasing: branch[..<cookie.utf8CodeUnitCount]))
    }

    /// `host:port` with the host in lower case (host names compare case-insensitively,
    /// RFC 3261 §19.1.4), written into one buffer: made for every request received.
    static func sentBy(host: String, port: Int) -> String {
        sentByBytes(host: host, port: port) { count, write in
            String(unsafeUninitializedCapacity: count) { buffer in
                var out = MessageWriter(buffer)
                write(&out)
                return out.count
            }
        }
    }

    /// Calls `body` with the length of `host:port` (the host in lower case) and a function
    /// that writes it.
    private static func sentByBytes<R>(host: String, port: Int,
                                       _ body: (Int, (inout MessageWriter) -> Void) -> R) -> R {
        guard host.utf8.allSatisfy({ $0 < 0x80 }), (0...65535).contains(port) else {
            let text = "\(host.lowercased()):\(port)"
            return body(text.utf8.count) { out in out.put(text) }
        }
        return body(host.utf8.count + 1 + DecimalText.width(UInt(port))) { out in
            for b in host.utf8 { out.put(CharacterClass.lower(b)) }
            out.put(UInt8(ascii: ":"))
            out.putDecimal(port)
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
