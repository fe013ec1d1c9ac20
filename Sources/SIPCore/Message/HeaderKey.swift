/// A value a header holds, with its own grammar and canonical writer.
public protocol SipHeaderValue: Sendable, Equatable {
    /// Parses one value, stopping before a `,` that separates list elements or at the end.
    static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Self
    /// Writes the value in canonical form.
    func write(to out: inout [UInt8])
}

extension SipHeaderValue {
    /// The canonical text of the value.
    public var headerText: String {
        var out: [UInt8] = []
        // Room for a typical value (a Contact, a Via), so that writing it piece by piece
        // does not regrow the buffer on the way.
        out.reserveCapacity(SipMessage.encodedCapacity)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Anything that names a header: typed keys, and the name itself.
public protocol HeaderKeyProtocol: Sendable {
    var header: KnownHeader { get }
}

/// A typed key for a header that appears at most once: `msg[.cSeq]`, `msg[.to]`.
public struct HeaderKey<Value: Sendable & Equatable>: HeaderKeyProtocol {
    public let header: KnownHeader
    @usableFromInline let parse: @Sendable (inout ByteScanner) throws(SipParseError) -> Value
    @usableFromInline let write: @Sendable (Value, inout [UInt8]) -> Void
    /// Whether `write` writes an `Int` value as plain decimal digits, so that a message can
    /// keep a value set through this key as the number and write it without an encoding.
    @usableFromInline let writesDecimal: Bool

    /// A key with an explicit grammar, for values whose type has several grammars (Int, String).
    @inlinable public init(_ header: KnownHeader,
                parse: @escaping @Sendable (inout ByteScanner) throws(SipParseError) -> Value,
                write: @escaping @Sendable (Value, inout [UInt8]) -> Void) {
        self.init(header, parse: parse, write: write, writesDecimal: false)
    }

    @usableFromInline init(_ header: KnownHeader,
                           parse: @escaping @Sendable (inout ByteScanner) throws(SipParseError) -> Value,
                           write: @escaping @Sendable (Value, inout [UInt8]) -> Void, writesDecimal: Bool) {
        self.header = header
        self.parse = parse
        self.write = write
        self.writesDecimal = writesDecimal
    }
}

extension HeaderKey where Value: SipHeaderValue {
    /// A key whose grammar is the value type's own.
    @inlinable public init(_ header: KnownHeader) {
        self.init(header, parse: { (s: inout ByteScanner) throws(SipParseError) -> Value in try Value.parse(&s) },
                  write: { v, out in v.write(to: &out) })
    }
}

/// A typed key for a header that may appear many times, or hold a comma-separated
/// list (RFC 3261 §7.3.1): `msg[.vias]`, `msg[.routes]`, `msg[.contacts]`.
public struct ListHeaderKey<Element: Sendable & Equatable>: HeaderKeyProtocol {
    public let header: KnownHeader
    /// False for headers whose values hold commas of their own and so appear once per line
    /// (Authorization, WWW-Authenticate, … RFC 3261 §7.3.1).
    public let commaSeparated: Bool
    @usableFromInline let parse: @Sendable (inout ByteScanner) throws(SipParseError) -> Element
    @usableFromInline let write: @Sendable (Element, inout [UInt8]) -> Void

    @inlinable public init(_ header: KnownHeader, commaSeparated: Bool = true,
                parse: @escaping @Sendable (inout ByteScanner) throws(SipParseError) -> Element,
                write: @escaping @Sendable (Element, inout [UInt8]) -> Void) {
        self.header = header
        self.commaSeparated = commaSeparated
        self.parse = parse
        self.write = write
    }
}

extension ListHeaderKey where Element: SipHeaderValue {
    @inlinable public init(_ header: KnownHeader, commaSeparated: Bool = true) {
        self.init(header, commaSeparated: commaSeparated,
                  parse: { (s: inout ByteScanner) throws(SipParseError) -> Element in try Element.parse(&s) },
                  write: { v, out in v.write(to: &out) })
    }
}
