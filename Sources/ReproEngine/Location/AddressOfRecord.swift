import SIPCore

/// The canonical form of an address-of-record, the key of the location service.
///
/// RFC 3261 §10.3 step 5: the To URI reduced to scheme, user and host — every
/// parameter, the port and the password dropped, the host lower-cased (hosts compare
/// case-insensitively, §19.1.4) — so that `sip:Alice@Example.COM;transport=tcp` and
/// `sip:Alice@example.com` are one address-of-record. The user part stays case-sensitive.
public enum AddressOfRecord {
    /// The key for `uri`, or nil when it is not a `sip`/`sips` URI.
    public static func key(for uri: URI) -> String? {
        guard case .sip(let u) = uri else { return nil }
        return u.addressOfRecordText
    }

    /// The key for a user of a domain: `sip:user@domain`.
    public static func key(user: String, domain: String) -> String {
        SipURI(user: user, host: domain.lowercased()).description
    }
}
