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
            // wcwidth knows nothing outside a UTF-8 locale (-1): then use the Unicode properties.
            total += width >= 0 ? width : fallbackWidth(scalar)
        }
        return min(total, 2)
    }

    /// Zero for combining marks, two for East Asian wide and emoji ranges, else one.
    static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
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
