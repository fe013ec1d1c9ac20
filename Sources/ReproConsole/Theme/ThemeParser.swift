/// Reads a theme file.
///
/// Grammar, one setting a line:
/// ```
/// # a comment
/// name = my-theme
/// selected = black on cyan bold
/// header   = #ffffff on 24 bold underline
/// ```
/// A value is a foreground colour, optionally `on` a background colour, then any of
/// `bold`, `underline`, `reverse`, `dim`. Colours are names, 0–255 or `#RRGGBB`.
/// Roles a file leaves out keep their monochrome attributes.
public enum ThemeParser {
    /// A line the parser could not read, with its 1-based number.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses `text`; `fallbackName` names the theme when it has no `name =` line.
    public static func parse(_ text: String, fallbackName: String) throws(ParseError) -> Theme {
        var theme = Theme.monochrome(name: fallbackName)
        var sawColor = false
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            // A `#RRGGBB` value contains '#': `stripComment` tells a colour from a comment.
            let content = stripComment(String(rawLine)).trimmingSpaces()
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected `role = value`")
            }
            let key = String(content[..<equals]).trimmingSpaces().lowercased()
            let value = String(content[content.index(after: equals)...]).trimmingSpaces()
            if key == "name" {
                if !value.isEmpty { theme.name = value }
                continue
            }
            guard let role = ThemeRole(rawValue: key) else {
                throw ParseError(line: lineNumber, message: "unknown role `\(key)`")
            }
            let style = try parseStyle(value, line: lineNumber)
            if style.foreground != .terminalDefault || style.background != .terminalDefault { sawColor = true }
            theme.setStyle(style, for: role)
        }
        theme.usesColor = sawColor
        return theme
    }

    /// Parses `FG [on BG] [attributes…]`.
    static func parseStyle(_ value: String, line: Int) throws(ParseError) -> ThemeStyle {
        var words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
        guard !words.isEmpty else { throw ParseError(line: line, message: "missing value") }
        var style = ThemeStyle()
        // Attributes may come alone ("bold"): then the colours stay default.
        if ThemeStyle.Attributes.names[words[0].lowercased()] == nil {
            let first = words.removeFirst()
            guard let fg = ThemeColor(parsing: first) else {
                throw ParseError(line: line, message: "unknown colour `\(first)`")
            }
            style.foreground = fg
            if words.first?.lowercased() == "on" {
                words.removeFirst()
                guard let second = words.first else {
                    throw ParseError(line: line, message: "missing background colour after `on`")
                }
                guard let bg = ThemeColor(parsing: second) else {
                    throw ParseError(line: line, message: "unknown colour `\(second)`")
                }
                style.background = bg
                words.removeFirst()
            }
        }
        for word in words {
            guard let attribute = ThemeStyle.Attributes.names[word.lowercased()] else {
                throw ParseError(line: line, message: "unknown attribute `\(word)`")
            }
            style.attributes.insert(attribute)
        }
        return style
    }

    /// Drops a comment: `#` at the start of the line or after whitespace, unless it begins `#RRGGBB`.
    static func stripComment(_ line: String) -> String {
        var result = ""
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            if char == "#", previous == " " || previous == "\t" {
                let rest = line[index...]
                let hex = rest.dropFirst().prefix(while: { $0.isHexDigit })
                let afterHex = rest.dropFirst(1 + hex.count).first
                let isColour = hex.count == 6 && (afterHex == nil || afterHex == " " || afterHex == "\t")
                if !isColour || result.trimmingSpaces().isEmpty { break }
            }
            result.append(char)
            previous = char
            index = line.index(after: index)
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
