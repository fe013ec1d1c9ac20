import ReproEngine

/// Pane 1: live bindings — AOR, contact, transport, source (NAT marked), expiry counting down,
/// q, User-Agent, instance, reg-id. Sortable; Enter shows details; `d` removes after confirmation.
final class RegistrationsPane: Pane {
    let id = PaneID.registrations
    private var table = RegistrationTable()
    private var cursor = ListCursor()
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var builtVersion = -1
    private var viewer: TextViewer?

    var filter: String {
        get { table.filter }
        set {
            table.filter = newValue
            builtVersion = -1
        }
    }

    var keyHelp: [KeyHelp] {
        [KeyHelp("Up/Down PgUp/PgDn Home/End", "move"), KeyHelp("Enter", "binding details"),
         KeyHelp("s", "sort by next column"), KeyHelp("r", "reverse sort"),
         KeyHelp("d", "remove binding (asks first)")]
    }

    var footerHints: [KeyHelp] {
        viewer != nil ? TextViewer.keyHelp : [KeyHelp("Enter", "details"), KeyHelp("s/r", "sort"), KeyHelp("d", "remove")]
    }

    var capturesInput: Bool { viewer != nil }

    func resize(to rect: Rect) { self.rect = rect }

    private func rebuildIfNeeded(_ model: ConsoleModel) {
        guard builtVersion != model.registrationsVersion else { return }
        table.rebuild(model.registrations)
        builtVersion = model.registrationsVersion
    }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        let model = context.model
        rebuildIfNeeded(model)
        cursor.clamp(count: table.order.count, visible: rect.height - 1)
        let glyphs = canvas.glyphs
        let now = context.now
        TableView.draw(on: canvas, in: rect, columns: RegistrationTable.columns, count: table.order.count,
                       cursor: cursor, sortColumn: table.sortKey.column, ascending: table.ascending,
                       empty: filter.isEmpty ? "No registrations." : "No registration matches the filter.") { i in
            let binding = model.registrations[table.order[i]]
            let left = RegistrationTable.remaining(binding, fetchedAt: model.registrationsFetchedAt, now: now)
            return (RegistrationTable.cells(binding, remaining: left, glyphs: glyphs), .normal)
        }
        if let viewer { viewer.draw(on: canvas, in: rect.centered(width: 100, height: 18)) }
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        if let viewer {
            if !viewer.handleKey(key) { self.viewer = nil }
            return true
        }
        let model = context.model
        rebuildIfNeeded(model)
        if cursor.handle(key, count: table.order.count, visible: rect.height - 1) { return true }
        switch key {
        case .char("s"):
            let all = RegistrationTable.SortKey.allCases
            table.sortKey = all[(table.sortKey.rawValue + 1) % all.count]
            builtVersion = -1
        case .char("r"):
            table.ascending.toggle()
            builtVersion = -1
        case .enter:
            guard let binding = selected(model) else { return true }
            let left = RegistrationTable.remaining(binding, fetchedAt: model.registrationsFetchedAt, now: context.now)
            viewer = TextViewer(title: "Binding", lines: RegistrationTable.details(binding, remaining: left))
        case .char("d"):
            guard let binding = selected(model) else { return true }
            context.confirm("Remove binding \(binding.contact) of \(binding.aor)?") { [weak context] in
                context?.perform({ api in try await api.removeBinding(aor: binding.aor, contact: binding.contact) }) {
                    result in
                    switch result {
                    case .success: context?.flash("Removed \(binding.contact)", isError: false)
                    case .failure(let error): context?.flash("Remove failed: \(error.message)", isError: true)
                    }
                }
            }
        default:
            return false
        }
        return true
    }

    private func selected(_ model: ConsoleModel) -> RegistrationInfo? {
        guard cursor.selected < table.order.count else { return nil }
        return model.registrations[table.order[cursor.selected]]
    }
}
