/// A q-value (RFC 3261 §20.10, §25.1 `qvalue`): 0 to 1 with up to three decimals,
/// held exactly as thousandths so that ordering and equality are exact.
public struct QValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 1000, from 0 to 1000.
    public let thousandths: Int

    public init?(thousandths: Int) {
        guard (0...1000).contains(thousandths) else { return nil }
        self.thousandths = thousandths
    }

    /// Parses `0`, `0.5`, `1.000` …; nil for anything outside the grammar.
    public init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard let first = b.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var value = Int(first - 0x30) * 1000
        if b.count > 1 {
            guard b[1] == UInt8(ascii: "."), b.count <= 5 else { return nil }
            var scale = 100
            for d in b[2...] {
                guard CharacterClass.isDigit(d) else { return nil }
                value += Int(d - 0x30) * scale
                scale /= 10
            }
        }
        guard value <= 1000 else { return nil }
        thousandths = value
    }

    public static let one = QValue(thousandths: 1000)!  // 1000 is in range
    public static let zero = QValue(thousandths: 0)!  // 0 is in range

    public static func < (a: QValue, b: QValue) -> Bool { a.thousandths < b.thousandths }

    public var description: String {
        if thousandths == 1000 { return "1" }
        if thousandths == 0 { return "0" }
        var digits = String(thousandths)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }
}
