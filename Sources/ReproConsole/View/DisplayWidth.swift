import CNCursesW

/// Terminal cell widths of text (wide CJK characters take two cells, combining marks none).
enum DisplayWidth {
    /// Cells one character takes.
    static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars {
            if scalar.value < 0x7F {
                total += scalar.value >= 0x20 ? 1 : 0
                continue
            }
            let width = Int(repro_wcwidth(wchar_t(bitPattern: scalar.value)))
            total += max(width, 0)
        }
        return min(total, 2)
    }

    /// Cells a string takes.
    static func of(_ text: String) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` cells, and the cells it takes.
    static func clip(_ text: String, to width: Int) -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return (String(text[..<end]), used)
    }

    /// `text` clipped or padded with spaces to exactly `width` cells; an ellipsis marks a cut.
    static func fit(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let full = of(text)
        if full <= width { return text + String(repeating: " ", count: width - full) }
        let mark = width > 1 ? ellipsis : ""
        let (clipped, used) = clip(text, to: width - of(mark))
        return clipped + mark + String(repeating: " ", count: max(0, width - used - of(mark)))
    }
}
