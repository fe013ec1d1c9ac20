/// A SIP method: one of RFC 3261's and its extensions', or any other token
/// (RFC 3261 §7.1: methods are case-sensitive tokens).
public struct SipMethod: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public static let invite: SipMethod = "INVITE"
    public static let ack: SipMethod = "ACK"
    public static let bye: SipMethod = "BYE"
    public static let cancel: SipMethod = "CANCEL"
    public static let options: SipMethod = "OPTIONS"
    public static let register: SipMethod = "REGISTER"
    public static let prack: SipMethod = "PRACK"
    public static let subscribe: SipMethod = "SUBSCRIBE"
    public static let notify: SipMethod = "NOTIFY"
    public static let publish: SipMethod = "PUBLISH"
    public static let info: SipMethod = "INFO"
    public static let refer: SipMethod = "REFER"
    public static let message: SipMethod = "MESSAGE"
    public static let update: SipMethod = "UPDATE"

    private static let known: [SipMethod] = [
        .invite, .ack, .bye, .cancel, .options, .register, .prack, .subscribe,
        .notify, .publish, .info, .refer, .message, .update,
    ]
    /// The known methods by small index, for a CSeq cached in a header field's spare bytes.
    @usableFromInline static func compact(_ index: Int) -> SipMethod { known[index] }

    /// The index of `method` among the known methods (case-sensitive, RFC 3261 §7.1), if it is one.
    @usableFromInline static func compactIndex(of method: SipMethod) -> Int? {
        var i = 0
        while i < known.count {
            if known[i].name == method.name { return i }
            i += 1
        }
        return nil
    }

    /// The known methods whose names have up to eight bytes, each name packed into one word
    /// (`packed(_:)`), with the method's index in `known`; the longer ones (SUBSCRIBE) are
    /// compared as bytes.
    private static let knownPacked: [(word: UInt64, index: Int)] = known.indices.compactMap { i in
        let b = Array(known[i].name.utf8)
        return b.count <= 8 ? (b.withUnsafeBufferPointer { packed($0) }, i) : nil
    }
    private static let knownBytes: [[UInt8]] = known.map { Array($0.name.utf8) }

    /// Up to eight bytes in one word, the first in the lowest byte; the top byte holds the count
    /// when there are fewer than eight, so that names of different lengths never pack alike.
    @inline(__always)
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        var i = 0
        while i < bytes.count {
            word |= UInt64(bytes[i]) << UInt64(i &* 8)
            i &+= 1
        }
        return bytes.count < 8 ? word | UInt64(bytes.count) << 56 : word
    }

    /// The method named by `bytes[range]`, reusing the shared instance for known methods.
    static func from(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> SipMethod {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if slice.count <= 8 {
            let word = packed(slice)
            var i = 0
            while i < knownPacked.count {
                if knownPacked[i].word == word { return known[knownPacked[i].index] }
                i &+= 1
            }
        } else {
            for (i, k) in knownBytes.enumerated() where k.count == slice.count && k.elementsEqual(slice) {
                return known[i]
            }
        }
        return SipMethod(String(decoding: slice, as: UTF8.self))
    }

    public var description: String { name }
}
