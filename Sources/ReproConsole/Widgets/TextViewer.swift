/// A scrollable page of styled lines in a box (a raw message, a binding's details, a trace ladder).
final class TextViewer {
    let title: String
    private(set) var lines: [StyledLine]
    private var top = 0
    private var visible = 1

    init(title: String, lines: [StyledLine]) {
        self.title = title
        self.lines = lines
    }

    static let keyHelp = [KeyHelp("Up/Down PgUp/PgDn", "scroll"), KeyHelp("Esc/Enter/q", "close")]

    /// Handles a key; returns false when the viewer should close.
    func handleKey(_ key: Key) -> Bool {
        let maxTop = max(0, lines.count - visible)
        switch key {
        case .escape, .enter, .char("q"): return false
        case .up, .char("k"): top -= 1
        case .down, .char("j"): top += 1
        case .pageUp: top -= visible
        case .pageDown, .char(" "): top += visible
        case .home, .char("g"): top = 0
        case .end, .char("G"): top = maxTop
        default: break
        }
        top = min(max(top, 0), maxTop)
        return true
    }

    func draw(on canvas: any Canvas, in rect: Rect) {
        canvas.fill(rect, role: .overlay)
        canvas.box(rect, title: title)
        let inner = rect.inset(by: 1)
        visible = max(inner.height, 1)
        top = min(top, max(0, lines.count - visible))
        for i in 0..<inner.height where top + i < lines.count {
            canvas.put(lines[top + i], row: inner.row + i, col: inner.col + 1, width: inner.width - 1)
        }
        if lines.count > visible {
            let position = " \(top + 1)-\(min(top + visible, lines.count))/\(lines.count) "
            canvas.put(position, row: rect.row + rect.height - 1, col: rect.col + rect.width - position.count - 2,
                       role: .dim, maxWidth: position.count)
        }
    }
}
