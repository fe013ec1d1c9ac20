/// A column of a table: fixed width, or flexible (sharing what is left).
struct TableColumn: Equatable {
    var title: String
    var width: Int
    var flexible = false

    init(_ title: String, _ width: Int, flexible: Bool = false) {
        self.title = title
        self.width = width
        self.flexible = flexible
    }
}

/// One cell: text and, optionally, a role other than the row's.
struct TableCell: Equatable {
    var text: String
    var role: ThemeRole?

    init(_ text: String, _ role: ThemeRole? = nil) {
        self.text = text
        self.role = role
    }
}

/// Draws a table with a header line; only the visible rows are asked for (`row(index)`),
/// so a list of 100,000 costs what one screen costs.
enum TableView {
    /// Column widths for `total` cells (one space between columns); flexible columns share the
    /// rest, and columns that do not fit at all get width 0.
    static func widths(_ columns: [TableColumn], total: Int) -> [Int] {
        var widths = columns.map(\.width)
        let gaps = max(columns.count - 1, 0)
        let fixed = widths.reduce(0, +) + gaps
        let flexCount = columns.filter(\.flexible).count
        if fixed < total, flexCount > 0 {
            let extra = total - fixed
            var given = 0
            for (i, column) in columns.enumerated() where column.flexible {
                let share = extra / flexCount
                widths[i] += share
                given += share
            }
            if let last = columns.lastIndex(where: \.flexible) { widths[last] += extra - given }
        }
        // Too narrow: cut from the right.
        var used = 0
        for i in widths.indices {
            let available = total - used
            if available <= 0 {
                widths[i] = 0
            } else {
                widths[i] = min(widths[i], available)
                used += widths[i] + 1
            }
        }
        return widths
    }

    /// Draws the header and the visible rows of a table into `rect`.
    static func draw(on canvas: any Canvas, in rect: Rect, columns: [TableColumn], count: Int, cursor: ListCursor,
                     sortColumn: Int? = nil, ascending: Bool = true, empty: String = "(nothing to show)",
                     row: (Int) -> (cells: [TableCell], role: ThemeRole)) {
        guard rect.height > 0, rect.width > 0 else { return }
        let widths = widths(columns, total: rect.width)
        var header = StyledLine()
        for (i, column) in columns.enumerated() where widths[i] > 0 {
            var title = column.title
            if i == sortColumn { title += ascending ? canvas.glyphs.sortAscending : canvas.glyphs.sortDescending }
            header.append(DisplayWidth.fit(title, to: widths[i]) + " ", .title)
        }
        canvas.put(header, row: rect.row, col: rect.col, width: rect.width)
        let visible = rect.height - 1
        guard count > 0 else {
            canvas.put(empty, row: rect.row + 1, col: rect.col + 1, role: .dim, maxWidth: rect.width - 1)
            return
        }
        for line in 0..<visible {
            let index = cursor.top + line
            guard index < count else { break }
            let (cells, rowRole) = row(index)
            let selected = index == cursor.selected
            var styled = StyledLine()
            for (i, cell) in cells.enumerated() where i < widths.count && widths[i] > 0 {
                let role = selected ? ThemeRole.selected : (cell.role ?? rowRole)
                styled.append(DisplayWidth.fit(cell.text, to: widths[i], ellipsis: canvas.glyphs.ellipsis), role)
                styled.append(" ", selected ? .selected : rowRole)
            }
            canvas.put(styled, row: rect.row + 1 + line, col: rect.col, width: rect.width,
                       fill: selected ? .selected : nil)
        }
    }
}
