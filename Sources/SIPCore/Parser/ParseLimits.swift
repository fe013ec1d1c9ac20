/// Bounds on what the parser accepts, checked before any work is done on a message.
public struct ParseLimits: Sendable, Equatable {
    /// The largest whole message, in bytes (RFC 3261 §18.1.1 leaves it to the implementation).
    public var maxMessageSize: Int = 65_536
    /// The most header lines a message may have.
    public var maxHeaderCount: Int = 256
    /// The longest header line (folded continuations included), in bytes.
    public var maxHeaderLineLength: Int = 8_192
    /// The largest body, in bytes.
    public var maxBodySize: Int = 60_000

    public init() {}

    /// The limits used when none are given.
    public static let `default` = ParseLimits()
}
