/// The characters the console draws lines and marks with: Unicode in a UTF-8 locale,
/// plain ASCII otherwise (so a non-UTF-8 terminal never shows stray letters).
public struct Glyphs: Sendable, Equatable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var teeRight: String
    public var inbound: String
    public var outbound: String
    public var nat: String
    public var winner: String
    public var expiring: String
    public var disabled: String
    public var sortAscending: String
    public var sortDescending: String
    public var ellipsis: String
    public var arrow: String
    public var bullet: String

    /// Box-drawing characters and arrows.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", inbound: "←", outbound: "→", nat: "⇄", winner: "★", expiring: "!", disabled: "✗",
        sortAscending: "▲", sortDescending: "▼", ellipsis: "…", arrow: "→", bullet: "•")

    /// ASCII only.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", inbound: "<", outbound: ">", nat: "N", winner: "*", expiring: "!", disabled: "x",
        sortAscending: "^", sortDescending: "v", ellipsis: "~", arrow: "->", bullet: "*")
}
