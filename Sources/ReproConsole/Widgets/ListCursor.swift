/// Selection and scroll position of a list; only rows from `top` to `top + visible` are drawn.
struct ListCursor: Equatable {
    var selected = 0
    var top = 0

    /// Keeps selection in range and visible.
    mutating func clamp(count: Int, visible: Int) {
        selected = count == 0 ? 0 : min(max(selected, 0), count - 1)
        let page = max(visible, 1)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = max(0, min(top, max(0, count - page)))
    }

    /// Moves on Up/Down/PgUp/PgDn/Home/End (and j/k); false for other keys.
    mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        let page = max(visible - 1, 1)
        switch key {
        case .up, .char("k"): selected -= 1
        case .down, .char("j"): selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .home, .char("g"): selected = 0
        case .end, .char("G"): selected = count - 1
        default: return false
        }
        clamp(count: count, visible: visible)
        return true
    }
}
