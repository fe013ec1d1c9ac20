/// A key press, decoded from ncurses' `wget_wch`.
public enum Key: Equatable, Sendable {
    case char(Character)
    /// Ctrl plus a letter (lower case), e.g. `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, backspace, delete, tab, backTab, escape
    case function(Int)
    /// The terminal changed size.
    case resize

    /// The key as help texts write it.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        }
    }

    /// A plain character from `wget_wch` (`OK`): control characters become their keys.
    static func fromCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return UnicodeScalar(code + 96).map { .ctrl(Character($0)) }
        default: return UnicodeScalar(code).map { .char(Character($0)) }
        }
    }
}
