/// The direction attributes of a session or media description (RFC 3264 §5.1, RFC 4566 §6).
public enum SdpDirection: String, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// The direction a peer answering this one takes (RFC 3264 §6.1): sendonly ↔ recvonly.
    public var reversed: SdpDirection {
        switch self {
        case .sendonly: return .recvonly
        case .recvonly: return .sendonly
        case .sendrecv, .inactive: return self
        }
    }

    /// The first direction attribute in `attributes`.
    static func find(in attributes: [SdpContents.Attribute]) -> SdpDirection? {
        for a in attributes where a.value == nil {
            if let d = SdpDirection(rawValue: a.name) { return d }
        }
        return nil
    }

    /// Replaces the direction attributes with `direction` where the first one was
    /// (or at the end), or removes them for nil.
    static func replace(in attributes: inout [SdpContents.Attribute], with direction: SdpDirection?) {
        let at = attributes.firstIndex { $0.value == nil && SdpDirection(rawValue: $0.name) != nil }
        attributes.removeAll { $0.value == nil && SdpDirection(rawValue: $0.name) != nil }
        guard let direction else { return }
        attributes.insert(SdpContents.Attribute(direction.rawValue), at: min(at ?? attributes.count, attributes.count))
    }
}
