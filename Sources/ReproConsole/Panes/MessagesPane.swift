import ReproEngine

/// Pane 2: the live SIP message and transaction log. `p` pauses; Enter shows the raw message.
final class MessagesPane: Pane {
    let id = PaneID.messages
    private var log = MessageLog()
    private var cursor = ListCursor()
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var viewer: TextViewer?
    /// Follows the newest message while the selection is on the last row.
    private var following = true

    var filter: String {
        get { log.filter }
        set { log.filter = newValue }
    }

    var keyHelp: [KeyHelp] {
        [KeyHelp("Up/Down PgUp/PgDn Home/End", "move (End follows new messages)"),
         KeyHelp("Enter", "show the raw message"), KeyHelp("p", "pause / resume the log")]
    }

    var footerHints: [KeyHelp] {
        viewer != nil ? TextViewer.keyHelp
            : [KeyHelp("Enter", "raw message"), KeyHelp("p", log.paused ? "resume" : "pause")]
    }

    var capturesInput: Bool { viewer != nil }

    func resize(to rect: Rect) { self.rect = rect }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        var area = rect
        if log.paused {
            canvas.put(" PAUSED — p resumes ", row: rect.row, col: rect.col, role: .paused, maxWidth: rect.width)
            area = Rect(row: rect.row + 1, col: rect.col, width: rect.width, height: rect.height - 1)
        }
        if log.update(from: context.model.messages), following {
            cursor.selected = log.rows.count - 1
        }
        cursor.clamp(count: log.rows.count, visible: area.height - 1)
        let rows = log.rows
        let glyphs = canvas.glyphs
        TableView.draw(on: canvas, in: area, columns: MessageLog.columns, count: rows.count, cursor: cursor,
                       empty: filter.isEmpty ? "No messages yet." : "No message matches the filter.") { i in
            MessageLog.cells(rows[i], glyphs: glyphs)
        }
        if let viewer { viewer.draw(on: canvas, in: rect) }
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        if let viewer {
            if !viewer.handleKey(key) { self.viewer = nil }
            return true
        }
        let visible = rect.height - (log.paused ? 2 : 1)
        if cursor.handle(key, count: log.rows.count, visible: visible) {
            following = cursor.selected >= log.rows.count - 1
            return true
        }
        switch key {
        case .char("p"):
            log.paused.toggle()
        case .enter:
            guard cursor.selected < log.rows.count else { return true }
            let event = log.rows[cursor.selected]
            let lines = event.raw.map(MessageLog.rawLines) ?? [StyledLine(event.summary)]
            viewer = TextViewer(title: event.what ?? "Message", lines: lines)
        default:
            return false
        }
        return true
    }
}
