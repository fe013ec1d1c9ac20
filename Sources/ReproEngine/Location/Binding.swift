import NIOCore
import SIPCore
import SIPStack

/// One registered contact of an address-of-record (RFC 3261 §10.3): what the
/// location service returns to the proxy and the console.
public struct Binding: Sendable, Hashable {
    /// The canonical address-of-record, `sip:user@host` (see `AddressOfRecord`).
    public var aor: String
    /// The Contact as registered, without its `expires` parameter.
    public var contact: NameAddr
    /// When the binding lapses; `.distantFuture` for a static binding.
    public var expires: NIODeadline
    /// The contact's preference (RFC 3261 §20.10); 1 when the REGISTER gave none.
    public var q: QValue
    /// Call-ID and CSeq of the REGISTER that last wrote the binding (RFC 3261 §10.3 step 7).
    public var callID: String
    public var cseq: UInt32
    /// The Path the REGISTER carried (RFC 3327 §5.3), to be used as a Route set toward the contact.
    public var path: [NameAddr]
    /// Where the REGISTER came from: the flow to reach a contact behind NAT.
    public var source: SipSource?
    /// The User-Agent of the REGISTER, empty when absent.
    public var userAgent: String
    /// `+sip.instance` (RFC 5626 §4.1), unquoted; nil when absent.
    public var instance: String?
    /// `reg-id` (RFC 5626 §4.2); nil when absent.
    public var regID: Int?
    /// When the binding was first created.
    public var registeredAt: NIODeadline
    /// An administrator's binding: never expires and is not changed by REGISTER requests.
    public var isStatic: Bool

    public init(aor: String, contact: NameAddr, expires: NIODeadline, q: QValue = .one, callID: String = "",
                cseq: UInt32 = 0, path: [NameAddr] = [], source: SipSource? = nil, userAgent: String = "",
                instance: String? = nil, regID: Int? = nil, registeredAt: NIODeadline, isStatic: Bool = false) {
        self.aor = aor
        self.contact = contact
        self.expires = expires
        self.q = q
        self.callID = callID
        self.cseq = cseq
        self.path = path
        self.source = source
        self.userAgent = userAgent
        self.instance = instance
        self.regID = regID
        self.registeredAt = registeredAt
        self.isStatic = isStatic
    }

    /// Whole seconds left before the binding lapses at `now` (0 once lapsed); for a static
    /// binding, `Int.max`.
    public func remainingSeconds(at now: NIODeadline) -> Int {
        if isStatic { return Int.max }
        guard expires > now else { return 0 }
        // Round up so that a binding with 0.4 s left is not reported as already gone.
        let nanos = (expires - now).nanoseconds
        return Int((nanos + 999_999_999) / 1_000_000_000)
    }
}
