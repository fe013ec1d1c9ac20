/// An in-memory canvas: what would be on screen, as text and roles. Tests draw panes on it.
public final class TextCanvas: Canvas {
    public let width: Int
    public let height: Int
    public let glyphs: Glyphs
    private var cells: [[String]]
    private var roles: [[ThemeRole]]

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = width
        self.height = height
        self.glyphs = glyphs
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        roles = Array(repeating: Array(repeating: .normal, count: width), count: height)
    }

    @discardableResult
    public func put(_ text: String, row: Int, col: Int, role: ThemeRole, maxWidth: Int) -> Int {
        guard row >= 0, row < height, col < width else { return 0 }
        let (clipped, used) = DisplayWidth.clip(text, to: min(maxWidth, width - col))
        var x = col
        for character in clipped {
            let w = DisplayWidth.of(character)
            if x >= 0, x < width {
                cells[row][x] = String(character)
                roles[row][x] = role
                if w == 2, x + 1 < width { cells[row][x + 1] = "" }
            }
            x += w
        }
        return used
    }

    /// Row `row` as text, trailing spaces trimmed.
    public func line(_ row: Int) -> String {
        var text = cells[row].joined()
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// Every row as text.
    public var lines: [String] { (0..<height).map(line) }

    /// The role of one cell.
    public func role(row: Int, col: Int) -> ThemeRole { roles[row][col] }
}
