import NIOCore
import SIPCore
import SIPStack

/// A binding as the location service keeps it: flat values and text, no nested arrays
/// of parsed parameters. `Binding` is built from it (parsing the contact) on the way out.
struct StoredBinding: Sendable {
    init(contactText: String, expires: UInt64, registeredAt: UInt64, callID: String, pathText: String,
         userAgent: String, cseq: UInt32, regID: Int32, q: UInt16, isStatic: Bool,
         source: CompactSource?) {
        self.contactText = contactText
        self.expires = expires
        self.registeredAt = registeredAt
        self.callID = callID
        self.pathText = pathText
        self.userAgent = userAgent
        self.cseq = cseq
        self.regID = regID
        self.q = q
        self.isStatic = isStatic
        self.source = source
    }

    /// The Contact as registered, without `expires`, in canonical text.
    var contactText: String
    /// Deadlines as uptime nanoseconds (`NIODeadline.uptimeNanoseconds`).
    var expires: UInt64
    var registeredAt: UInt64
    var callID: String
    /// The Path values in canonical text joined with ", "; empty for none.
    var pathText: String
    var userAgent: String
    var cseq: UInt32
    /// `reg-id`, or -1 when absent.
    var regID: Int32
    var q: UInt16
    var isStatic: Bool
    var source: CompactSource?

    init(binding b: Binding) {
        var contact = b.contact
        contact.parameters.remove("expires")
        if let instance = b.instance, contact.instance == nil { contact.instance = instance }
        contactText = contact.headerText
        expires = b.isStatic ? UInt64.max : b.expires.uptimeNanoseconds
        registeredAt = b.registeredAt.uptimeNanoseconds
        callID = b.callID
        pathText = b.path.map(\.headerText).joined(separator: ", ")
        userAgent = b.userAgent
        cseq = b.cseq
        regID = b.regID.flatMap { Int32(exactly: $0) } ?? -1
        q = UInt16(b.q.thousandths)
        isStatic = b.isStatic
        source = b.source.flatMap(CompactSource.init)
    }

    /// The contact parsed again. It was written by SIPCore's serializer from a parsed
    /// value, so it parses; should it not, a placeholder keeps the lookup total.
    var contact: NameAddr {
        (try? NameAddr(contactText)) ?? NameAddr(uri: .sip(SipURI(host: "invalid")))
    }

    /// `+sip.instance` of the contact (RFC 5626 §4.1). Read from the contact text rather
    /// than kept twice: it is needed only to match outbound registrations.
    var instance: String? { (try? NameAddr(contactText))?.instance }

    /// The contact's URI, for matching a REGISTER's contacts (RFC 3261 §10.3 step 7).
    var contactURI: URI? { (try? NameAddr(contactText))?.uri }

    var path: [NameAddr] {
        guard !pathText.isEmpty else { return [] }
        var values: [NameAddr] = []
        // Each element was written canonically by `NameAddr.write`; split on the
        // top-level commas the joiner put between them.
        for piece in StoredBinding.splitList(pathText) {
            if let n = try? NameAddr(piece) { values.append(n) }
        }
        return values
    }

    func isLapsed(at now: UInt64) -> Bool { !isStatic && expires <= now }

    /// Whole seconds left at `now`, rounded up (see `Binding.remainingSeconds`).
    func remainingSeconds(at now: UInt64) -> Int {
        guard expires > now else { return 0 }
        return Int((expires - now + 999_999_999) / 1_000_000_000)
    }

    func binding(aor: String) -> Binding {
        let contact = self.contact
        return Binding(aor: aor, contact: contact,
                expires: isStatic ? .distantFuture : NIODeadline.uptimeNanoseconds(expires),
                q: QValue(thousandths: Int(q)) ?? .one, callID: callID, cseq: cseq, path: path,
                source: source?.sipSource, userAgent: userAgent, instance: contact.instance,
                regID: regID >= 0 ? Int(regID) : nil,
                registeredAt: NIODeadline.uptimeNanoseconds(registeredAt), isStatic: isStatic)
    }

    /// Splits "a, b" at commas outside angle brackets and quotes.
    static func splitList(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var depth = 0
        var quoted = false
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if quoted, c == "\\" {
                // A quoted-pair (RFC 3261 §25.1): skip the escaped character.
                i = text.index(after: i)
                if i == text.endIndex { break }
                i = text.index(after: i)
                continue
            }
            if c == "\"" { quoted.toggle() }
            if !quoted {
                if c == "<" { depth += 1 }
                if c == ">" { depth = max(0, depth - 1) }
                if c == ",", depth == 0 {
                    pieces.append(text[start..<i])
                    start = text.index(after: i)
                }
            }
            i = text.index(after: i)
        }
        pieces.append(text[start...])
        return pieces.map { $0.drop(while: { $0 == " " }) }
    }
}
