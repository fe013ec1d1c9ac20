import ReproEngine

/// Pane 3: recent requests; Enter opens a request's chain trace as a ladder.
final class TracesPane: Pane {
    let id = PaneID.traces
    private var cursor = ListCursor()
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var viewer: TextViewer?
    private var rows: [ChainTrace] = []
    private var builtVersion = -1

    var filter = "" {
        didSet { builtVersion = -1 }
    }

    var keyHelp: [KeyHelp] {
        [KeyHelp("Up/Down PgUp/PgDn Home/End", "move"), KeyHelp("Enter", "open the chain trace ladder")]
    }

    var footerHints: [KeyHelp] { viewer != nil ? TextViewer.keyHelp : [KeyHelp("Enter", "open trace")] }

    var capturesInput: Bool { viewer != nil }

    func resize(to rect: Rect) { self.rect = rect }

    private func rebuild(_ model: ConsoleModel) {
        guard builtVersion != model.tracesVersion else { return }
        builtVersion = model.tracesVersion
        let needle = filter.lowercased()
        let newestFirst = Array(model.traces.reversed())
        rows = needle.isEmpty ? newestFirst : newestFirst.filter { TraceLadder.searchText($0).contains(needle) }
    }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        rebuild(context.model)
        cursor.clamp(count: rows.count, visible: rect.height - 1)
        let rows = self.rows
        TableView.draw(on: canvas, in: rect, columns: TraceLadder.listColumns, count: rows.count, cursor: cursor,
                       empty: filter.isEmpty ? "No requests traced yet." : "No trace matches the filter.") { i in
            TraceLadder.listCells(rows[i])
        }
        if let viewer { viewer.draw(on: canvas, in: rect) }
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        if let viewer {
            if !viewer.handleKey(key) { self.viewer = nil }
            return true
        }
        rebuild(context.model)
        if cursor.handle(key, count: rows.count, visible: rect.height - 1) { return true }
        guard key == .enter else { return false }
        if cursor.selected < rows.count {
            let trace = rows[cursor.selected]
            viewer = TextViewer(title: "Trace \(trace.id): \(trace.method) \(trace.requestURI)",
                                lines: TraceLadder.lines(trace, glyphs: context.glyphs))
        }
        return true
    }
}
