/// An `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`
/// attribute (RFC 4566 §6), e.g. `0 PCMU/8000` or `111 opus/48000/2`.
public struct SdpRtpMap: Sendable, Hashable {
    public var payloadType: Int
    public var encodingName: String
    public var clockRate: Int
    /// For audio, the number of channels; nil when not written.
    public var encodingParameters: String?

    public init(payloadType: Int, encodingName: String, clockRate: Int, encodingParameters: String? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.encodingParameters = encodingParameters
    }

    /// Reads the value of an rtpmap attribute; nil when it is malformed.
    public init?(attributeValue v: String) {
        let parts = v.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.count <= 3, let pt = Int(parts[0]), (0...127).contains(pt) else {
            return nil
        }
        let enc = parts[1].trimmingPrefix(" ").split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard enc.count >= 2, !enc[0].isEmpty, enc[1].utf8.count <= 10, let rate = Int(enc[1]), rate > 0 else { return nil }
        self.init(payloadType: pt, encodingName: String(enc[0]), clockRate: rate,
                  encodingParameters: enc.count > 2 ? String(enc[2]) : nil)
    }

    /// The attribute value: `<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`.
    public var attributeValue: String {
        var s = "\(payloadType) \(encodingName)/\(clockRate)"
        if let encodingParameters { s += "/\(encodingParameters)" }
        return s
    }
}
