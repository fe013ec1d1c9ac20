import ReproEngine

/// Pane 5: static routes in evaluation order. Add, edit, delete, move up and down,
/// and a test box showing which route a URI and method match and the rewritten target.
final class RoutesPane: Pane {
    let id = PaneID.routes
    private var cursor = ListCursor()
    private var rect = Rect(row: 0, col: 0, width: 0, height: 0)
    private var rows: [RouteInfo] = []
    private var builtVersion = -1
    private var form: FormState?
    private var submit: ((FormState, any PaneContext) -> Void)?

    var filter = "" {
        didSet { builtVersion = -1 }
    }

    var keyHelp: [KeyHelp] {
        [KeyHelp("Up/Down PgUp/PgDn Home/End", "move"), KeyHelp("a", "add a route"),
         KeyHelp("e / Enter", "edit the route"), KeyHelp("d", "delete (asks first)"),
         KeyHelp("K / [", "move the route up"), KeyHelp("J / ]", "move the route down"),
         KeyHelp("t", "test box: which route a URI and method match")]
    }

    var footerHints: [KeyHelp] {
        form != nil ? [KeyHelp("Enter", "save / test"), KeyHelp("Esc", "close")]
            : [KeyHelp("a", "add"), KeyHelp("e", "edit"), KeyHelp("d", "delete"), KeyHelp("K/J", "move"),
               KeyHelp("t", "test")]
    }

    var capturesInput: Bool { form != nil }

    func resize(to rect: Rect) { self.rect = rect }

    private func rebuild(_ model: ConsoleModel) {
        guard builtVersion != model.routesVersion else { return }
        builtVersion = model.routesVersion
        let needle = filter.lowercased()
        rows = needle.isEmpty ? model.routes : model.routes.filter { RouteForms.searchText($0).contains(needle) }
    }

    func draw(on canvas: any Canvas, context: any PaneContext) {
        rebuild(context.model)
        cursor.clamp(count: rows.count, visible: rect.height - 1)
        let rows = self.rows
        let all = context.model.routes
        TableView.draw(on: canvas, in: rect, columns: RouteForms.columns, count: rows.count, cursor: cursor,
                       empty: filter.isEmpty ? "No static routes. Press a to add one." : "No route matches.") { i in
            RouteForms.cells(rows[i], position: all.firstIndex(of: rows[i]) ?? i)
        }
        form?.draw(on: canvas, in: rect)
    }

    func handleKey(_ key: Key, context: any PaneContext) -> Bool {
        if let form {
            switch form.handleKey(key) {
            case .cancel: self.form = nil
            case .submit: submit?(form, context)
            case .none: break
            }
            return true
        }
        rebuild(context.model)
        if cursor.handle(key, count: rows.count, visible: rect.height - 1) { return true }
        let selected = cursor.selected < rows.count ? rows[cursor.selected] : nil
        switch key {
        case .char("a"): openEditor(nil, context: context)
        case .char("e"), .enter:
            if let selected { openEditor(selected, context: context) }
        case .char("d"):
            guard let route = selected else { return true }
            context.confirm("Delete route \(route.pattern) \(context.glyphs.arrow) \(route.rewrite)?") {
                [weak context] in
                context?.perform({ api in try await api.removeRoute(id: route.id) }) { result in
                    Self.report(result, done: "Deleted route \(route.id)", context: context)
                }
            }
        case .char("K"), .char("["), .char("J"), .char("]"):
            guard let route = selected else { return true }
            let offset = (key == .char("K") || key == .char("[")) ? -1 : 1
            cursor.selected += offset
            context.perform({ api in try await api.moveRoute(id: route.id, by: offset) }) { [weak context] result in
                Self.report(result, done: "Moved route \(route.id)", context: context)
            }
        case .char("t"): openTester()
        default: return false
        }
        return true
    }

    private static func report(_ result: Result<Void, ControlError>, done: String, context: (any PaneContext)?) {
        switch result {
        case .success: context?.flash(done, isError: false)
        case .failure(let error): context?.flash(error.message, isError: true)
        }
        context?.requestRefresh(users: false, routes: true)
    }

    private func openEditor(_ route: RouteInfo?, context: any PaneContext) {
        let existing = context.model.routes
        let form = RouteForms.edit(route)
        self.form = form
        submit = { [weak self] form, context in
            form.generalError = nil
            guard form.setErrors(RouteForms.validateRoute(form)) else { return }
            let edited = RouteForms.route(from: form, editing: route, existing: existing)
            form.busy = true
            context.perform({ api in
                if route == nil { _ = try await api.addRoute(edited) } else { try await api.updateRoute(edited) }
            }) { [weak self, weak context] result in
                form.busy = false
                switch result {
                case .success:
                    if self?.form === form { self?.form = nil }
                    context?.flash("Saved route", isError: false)
                    context?.requestRefresh(users: false, routes: true)
                case .failure(let error):
                    form.generalError = error.message
                }
            }
        }
    }

    private func openTester() {
        let form = RouteForms.test()
        self.form = form
        submit = { form, context in
            form.generalError = nil
            form.resultLines = []
            guard form.setErrors(RouteForms.validateTest(form)) else { return }
            let uri = form["uri"], method = form["method"].uppercased()
            let glyphs = context.glyphs
            context.perform({ api in try await api.testRoute(uri: uri, method: method) }) { result in
                switch result {
                case .success(let answer): form.resultLines = RouteForms.testLines(answer, glyphs: glyphs)
                case .failure(let error): form.generalError = error.message
                }
            }
        }
    }
}
