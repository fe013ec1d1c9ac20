import ReproEngine

/// The routes pane's forms, validation and rows (pure, tested without a terminal).
enum RouteForms {
    static func edit(_ route: RouteInfo?) -> FormState {
        FormState(title: route == nil ? "Add route" : "Edit route \(route?.id ?? 0)", fields: [
            FormField(key: "pattern", label: "URI pattern (regex)", value: route?.pattern ?? ""),
            FormField(key: "rewrite", label: "Rewrite to", value: route?.rewrite ?? ""),
            FormField(key: "method", label: "Method (optional)", value: route?.method ?? ""),
            FormField(key: "event", label: "Event (optional)", value: route?.event ?? ""),
        ])
    }

    static func test() -> FormState {
        FormState(title: "Test routes", fields: [
            FormField(key: "uri", label: "Request-URI", value: "sip:"),
            FormField(key: "method", label: "Method", value: "INVITE"),
        ])
    }

    static func validateRoute(_ form: FormState) -> [String: String] {
        var errors: [String: String] = [:]
        errors["pattern"] = FormValidation.regex(form["pattern"])
        errors["rewrite"] = FormValidation.rewrite(form["rewrite"])
        errors["method"] = FormValidation.method(form["method"], optional: true)
        if form["event"].contains(" ") { errors["event"] = "no spaces" }
        return errors
    }

    static func validateTest(_ form: FormState) -> [String: String] {
        var errors: [String: String] = [:]
        errors["uri"] = FormValidation.uri(form["uri"])
        errors["method"] = FormValidation.method(form["method"], optional: false)
        return errors
    }

    /// `route` (or a new one, ordered after `existing`) with a form's values.
    static func route(from form: FormState, editing route: RouteInfo?, existing: [RouteInfo]) -> RouteInfo {
        var result = route ?? RouteInfo(pattern: "", rewrite: "",
                                        order: (existing.map(\.order).max() ?? 0) + 1)
        result.pattern = form["pattern"]
        result.rewrite = form["rewrite"]
        result.method = form["method"].uppercased()
        result.event = form["event"]
        return result
    }

    /// The test box's answer as lines.
    static func testLines(_ result: RouteTestResult, glyphs: Glyphs) -> [StyledLine] {
        guard let route = result.route else { return [StyledLine("No route matches.", .warning)] }
        return [
            StyledLine([StyledSpan("Matches route \(route.id): ", .formLabel),
                        StyledSpan("\(route.pattern)  \(glyphs.arrow)  \(route.rewrite)", .ok)]),
            StyledLine([StyledSpan("Target: ", .formLabel), StyledSpan(result.target ?? "-", .title)]),
        ]
    }

    static let columns = [
        TableColumn("#", 4), TableColumn("Method", 9), TableColumn("Event", 10),
        TableColumn("Pattern", 30, flexible: true), TableColumn("Rewrite", 30, flexible: true), TableColumn("Id", 6),
    ]

    static func cells(_ route: RouteInfo, position: Int) -> (cells: [TableCell], role: ThemeRole) {
        ([TableCell(String(position + 1)), TableCell(route.method.isEmpty ? "*" : route.method),
          TableCell(route.event.isEmpty ? "*" : route.event), TableCell(route.pattern), TableCell(route.rewrite),
          TableCell(String(route.id), .dim)], .normal)
    }

    static func searchText(_ route: RouteInfo) -> String {
        [route.method, route.event, route.pattern, route.rewrite].joined(separator: " ").lowercased()
    }
}
