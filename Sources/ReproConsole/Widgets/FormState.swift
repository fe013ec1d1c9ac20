/// One field of a form.
struct FormField: Equatable {
    var key: String
    var label: String
    var value: String = ""
    /// Shown as `*` (passwords).
    var masked = false
    var readOnly = false
    /// The validation error shown beside the field.
    var error: String?
}

/// A modal form: fields, focus, errors beside fields, and a general (store) error.
/// Keys: printable characters type, Backspace deletes, Ctrl-U clears, Tab/Down next field,
/// Shift-Tab/Up previous, Enter saves, Esc cancels.
final class FormState {
    /// What a key did to the form.
    enum Action: Equatable { case none, submit, cancel }

    let title: String
    var fields: [FormField]
    var focus: Int
    /// An error for the whole form, e.g. a `ControlError` from the store.
    var generalError: String?
    /// Extra lines under the fields (the route test result).
    var resultLines: [StyledLine] = []
    /// True while the command runs; keys other than Esc are ignored.
    var busy = false

    init(title: String, fields: [FormField]) {
        self.title = title
        self.fields = fields
        focus = fields.firstIndex(where: { !$0.readOnly }) ?? 0
    }

    static let keyHelp = [
        KeyHelp("Tab/Down", "next field"), KeyHelp("Shift-Tab/Up", "previous field"),
        KeyHelp("Enter", "save"), KeyHelp("Ctrl-U", "clear field"), KeyHelp("Esc", "cancel"),
    ]

    /// The value of the field named `key`.
    subscript(key: String) -> String {
        get { fields.first(where: { $0.key == key })?.value ?? "" }
        set {
            if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].value = newValue }
        }
    }

    /// Sets (or clears, with nil) the errors beside fields; returns whether there were none.
    func setErrors(_ errors: [String: String]) -> Bool {
        for i in fields.indices { fields[i].error = errors[fields[i].key] }
        return errors.isEmpty
    }

    func handleKey(_ key: Key) -> Action {
        if key == .escape { return .cancel }
        guard !busy else { return .none }
        switch key {
        case .tab, .down: moveFocus(1)
        case .backTab, .up: moveFocus(-1)
        case .enter:
            return .submit
        case .backspace where !fields[focus].readOnly:
            if !fields[focus].value.isEmpty { fields[focus].value.removeLast() }
        case .ctrl("u") where !fields[focus].readOnly:
            fields[focus].value = ""
        case .char(let c) where !fields[focus].readOnly:
            fields[focus].value.append(c)
        default: break
        }
        return .none
    }

    private func moveFocus(_ step: Int) {
        guard fields.contains(where: { !$0.readOnly }) else { return }
        var next = focus
        repeat {
            next = (next + step + fields.count) % fields.count
        } while fields[next].readOnly
        focus = next
    }

    /// Draws the form centred in `area`.
    func draw(on canvas: any Canvas, in area: Rect) {
        let labelWidth = (fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        let height = fields.count + 5 + resultLines.count
        let rect = area.centered(width: min(area.width, 90), height: height)
        canvas.fill(rect, role: .overlay)
        canvas.box(rect, title: title)
        let inner = rect.inset(by: 1)
        let valueWidth = max(10, min(40, inner.width - labelWidth - 4) )
        for (i, field) in fields.enumerated() {
            let row = inner.row + 1 + i
            let focused = i == focus
            canvas.put((focused ? canvas.glyphs.arrow.prefix(1) : " ") + " " + field.label + ":", row: row,
                       col: inner.col, role: focused ? .title : .formLabel, maxWidth: labelWidth + 2)
            var shown = field.masked ? String(repeating: "*", count: field.value.count) : field.value
            if focused && !field.readOnly { shown += "_" }
            let visibleValue = DisplayWidth.of(shown) > valueWidth
                ? String(shown.suffix(valueWidth)) : shown
            canvas.put(DisplayWidth.fit(visibleValue, to: valueWidth), row: row, col: inner.col + labelWidth + 2,
                       role: field.readOnly ? .dim : .input, maxWidth: valueWidth)
            if let error = field.error {
                let col = inner.col + labelWidth + 3 + valueWidth
                canvas.put("\(canvas.glyphs.disabled) \(error)", row: row, col: col, role: .formError,
                           maxWidth: inner.col + inner.width - col)
            }
        }
        var row = inner.row + fields.count + 2
        for line in resultLines {
            canvas.put(line, row: row, col: inner.col + 1, width: inner.width - 1)
            row += 1
        }
        if let error = generalError {
            canvas.put("\(canvas.glyphs.disabled) \(error)", row: row, col: inner.col + 1, role: .error,
                       maxWidth: inner.width - 1)
        } else {
            let hint = busy ? "saving…" : "Enter save · Tab next · Esc cancel"
            canvas.put(hint, row: row, col: inner.col + 1, role: .dim, maxWidth: inner.width - 1)
        }
    }
}
