/// How one role of the console is drawn: colours plus attributes.
///
/// Attributes always carry meaning on their own (colour is never the only signal),
/// so a monochrome terminal or `NO_COLOR` keeps them and drops the colours.
public struct ThemeStyle: Sendable, Equatable {
    /// Text attributes a style may carry.
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1)
        public static let underline = Attributes(rawValue: 2)
        public static let reverse = Attributes(rawValue: 4)
        public static let dim = Attributes(rawValue: 8)

        /// The names a theme file uses.
        static let names: [String: Attributes] = [
            "bold": .bold, "underline": .underline, "reverse": .reverse, "dim": .dim,
        ]
    }

    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: Attributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The palette indices to use for this style on a terminal with `colorCount` colours.
    /// When both map to the same colour, the foreground flips to black or white so text stays readable.
    public func resolvedColors(colorCount: Int) -> (foreground: Int, background: Int) {
        var fg = foreground.resolve(colorCount: colorCount)
        let bg = background.resolve(colorCount: colorCount)
        if fg == bg, fg >= 0 {
            fg = ThemeColor.brightness(ofIndex: bg) < 128 ? 7 : 0
        }
        return (fg, bg)
    }
}
