/// Pane 6: uptime, listening transports, counters and rates, recent warnings and errors.
final class StatusPane: Pane {
    let id = PaneID.status
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var top = 0
    var filter = ""

    var keyHelp: [KeyHelp] { [KeyHelp("Up/Down PgUp/PgDn", "scroll"), KeyHelp("/", "filter warnings and errors")] }
    var footerHints: [KeyHelp] { [] }
    var capturesInput: Bool { false }

    func resize(to rect: Rect) { self.rect = rect }

    private func content(_ context: any PaneContext) -> [StyledLine] {
        let model = context.model
        var lines = StatusView.lines(status: model.status, droppedEvents: model.droppedEvents,
                                     problems: model.problems.elements, logTail: model.logTail,
                                     connectionError: model.connectionError, glyphs: context.glyphs)
        let needle = filter.lowercased()
        if !needle.isEmpty {
            lines = lines.filter { $0.spans.first?.role == .title || $0.plainText.lowercased().contains(needle) }
        }
        return lines
    }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        let lines = content(context)
        top = min(top, max(0, lines.count - rect.height))
        for i in 0..<rect.height where top + i < lines.count {
            canvas.put(lines[top + i], row: rect.row + i, col: rect.col + 1, width: rect.width - 1)
        }
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        switch key {
        case .up, .char("k"): top = max(0, top - 1)
        case .down, .char("j"): top += 1
        case .pageUp: top = max(0, top - rect.height)
        case .pageDown: top += rect.height
        case .home: top = 0
        default: return false
        }
        return true
    }
}
