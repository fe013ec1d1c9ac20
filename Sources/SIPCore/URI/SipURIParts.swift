/// The parts of a `SipURI`, held in one shared object so that copying a URI (and the
/// name-addr, Route or Contact that carries it) is one retain instead of one per
/// string and list. `SipURI` copies it before changing it when it is shared
/// (copy on write), so a box is never changed while another URI can see it.
///
/// A name-addr's parts are a subclass (`NameAddrParts`), so that a name-addr and its
/// SIP URI live in one object: the URI read from a name-addr points at that object.
@usableFromInline
class SipURIParts: HeaderFieldCache, @unchecked Sendable {
    @usableFromInline var storedUser: String?
    @usableFromInline var password: String?
    @usableFromInline var storedHost: String
    @usableFromInline var port: Int?
    @usableFromInline var parameters: Parameters
    @usableFromInline var headers: [(name: String, value: String)]
    /// The user and host as received, read in place from the message's bytes until one of
    /// them is set; then nil, and the stored ones hold them.
    @usableFromInline var received: ReceivedUserHost?

    /// The user part, unescaped.
    @inlinable final var user: String? {
        get {
            if let received { return received.user }
            return storedUser
        }
        set {
            keepReceived()
            storedUser = newValue
        }
    }

    /// The host; an IPv6 address without its brackets.
    @inlinable final var host: String {
        get {
            if let received { return received.host }
            return storedHost
        }
        set {
            keepReceived()
            storedHost = newValue
        }
    }

    @usableFromInline
    init(user: String?, password: String?, host: String, port: Int?, parameters: Parameters,
         headers: [(name: String, value: String)], received: ReceivedUserHost? = nil) {
        self.storedUser = user
        self.password = password
        self.storedHost = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
        self.received = received
    }

    /// Turns the received user and host into stored Strings, before one of them changes.
    @usableFromInline final func keepReceived() {
        guard let r = received else { return }
        storedUser = r.user
        storedHost = r.host
        received = nil
    }

    /// An unshared copy of the URI's parts alone (also when this is a name-addr's object),
    /// for a URI about to change.
    @usableFromInline final func copy() -> SipURIParts {
        SipURIParts(user: storedUser, password: password, host: storedHost, port: port, parameters: parameters,
                    headers: headers, received: received)
    }

    /// Empties the URI parts (a name-addr whose URI is now of another kind).
    @usableFromInline final func clearURIParts() {
        received = nil
        user = nil
        password = nil
        host = ""
        port = nil
        parameters = Parameters()
        headers = []
    }

    /// Takes the URI parts of `other`.
    @usableFromInline final func assign(_ other: SipURIParts) {
        storedUser = other.storedUser
        password = other.password
        storedHost = other.storedHost
        received = other.received
        port = other.port
        parameters = other.parameters
        headers = other.headers
    }
}

/// Where a received SIP URI's user and host sit in the message's bytes (`SipURIParts.received`):
/// the two Strings are made when asked for, not when the URI is parsed.
@usableFromInline
struct ReceivedUserHost: Sendable {
    @usableFromInline let bytes: [UInt8]
    // 32-bit offsets, as the message index keeps; an empty user range means no user part
    // (a user part is never empty).
    @usableFromInline let userStart: UInt32
    @usableFromInline let userEnd: UInt32
    @usableFromInline let hostStart: UInt32
    @usableFromInline let hostEnd: UInt32

    /// The user (no escapes in it) and host ranges of `bytes`; nil when they do not fit 32-bit offsets.
    @usableFromInline init?(_ bytes: [UInt8], user: Range<Int>?, host: Range<Int>) {
        guard host.upperBound <= Int(UInt32.max), (user?.upperBound ?? 0) <= Int(UInt32.max) else { return nil }
        self.bytes = bytes
        userStart = UInt32(truncatingIfNeeded: user?.lowerBound ?? 0)
        userEnd = UInt32(truncatingIfNeeded: user?.upperBound ?? 0)
        hostStart = UInt32(truncatingIfNeeded: host.lowerBound)
        hostEnd = UInt32(truncatingIfNeeded: host.upperBound)
    }

    @inlinable var user: String? {
        userStart == userEnd ? nil : String(decoding: bytes[Int(userStart)..<Int(userEnd)], as: UTF8.self)
    }

    @inlinable var host: String { String(decoding: bytes[Int(hostStart)..<Int(hostEnd)], as: UTF8.self) }
}
