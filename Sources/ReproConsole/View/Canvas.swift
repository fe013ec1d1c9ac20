/// Where panes draw: a grid of cells with styles. The terminal is one; `TextCanvas` is another,
/// for tests. Coordinates are absolute; drawing outside the canvas is clipped.
public protocol Canvas: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Line and mark characters for this terminal's locale.
    var glyphs: Glyphs { get }
    /// Draws `text` at a position, clipped to `maxWidth` cells; returns the cells used.
    @discardableResult
    func put(_ text: String, row: Int, col: Int, role: ThemeRole, maxWidth: Int) -> Int
}

extension Canvas {
    /// Draws a styled line from `col`, clipped to `width` cells; pads the rest with `fill` when given.
    func put(_ line: StyledLine, row: Int, col: Int, width: Int, fill: ThemeRole? = nil) {
        var used = 0
        for span in line.spans where used < width {
            used += put(span.text, row: row, col: col + used, role: span.role, maxWidth: width - used)
        }
        if let fill, used < width {
            put(String(repeating: " ", count: width - used), row: row, col: col + used, role: fill,
                maxWidth: width - used)
        }
    }

    /// Fills a rectangle with spaces in `role`.
    func fill(_ rect: Rect, role: ThemeRole) {
        let blank = String(repeating: " ", count: rect.width)
        for row in rect.row..<(rect.row + rect.height) {
            put(blank, row: row, col: rect.col, role: role, maxWidth: rect.width)
        }
    }

    /// Draws a box around `rect` with an optional title in its top border.
    func box(_ rect: Rect, title: String? = nil, role: ThemeRole = .border) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        let inner = String(repeating: g.horizontal, count: rect.width - 2)
        put(g.topLeft + inner + g.topRight, row: rect.row, col: rect.col, role: role, maxWidth: rect.width)
        for row in (rect.row + 1)..<(rect.row + rect.height - 1) {
            put(g.vertical, row: row, col: rect.col, role: role, maxWidth: 1)
            put(g.vertical, row: row, col: rect.col + rect.width - 1, role: role, maxWidth: 1)
        }
        put(g.bottomLeft + inner + g.bottomRight, row: rect.row + rect.height - 1, col: rect.col, role: role,
            maxWidth: rect.width)
        if let title, rect.width > 4 {
            put(" \(title) ", row: rect.row, col: rect.col + 2, role: .title, maxWidth: rect.width - 4)
        }
    }
}
