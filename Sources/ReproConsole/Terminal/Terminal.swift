#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW

/// The ncurses screen: setup and teardown, colour pairs per theme role, wide-string output,
/// key reading with a timeout, and resize. Used only from the console's UI thread.
final class Terminal: Canvas {
    /// Why the terminal could not be set up.
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var width = 0
    private(set) var height = 0
    let glyphs: Glyphs
    /// Whether the locale is UTF-8; if not, non-ASCII text is replaced so nothing is cut.
    let utf8: Bool
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var attributes: [ThemeRole: (attr: attr_t, pair: Int16)] = [:]
    private var colorCount = 0

    /// Takes over the terminal. `pollMilliseconds` bounds how long `readKey` waits.
    init(theme: Theme, pollMilliseconds: Int32 = 50) throws {
        setlocale(LC_ALL, "")
        utf8 = repro_codeset_is_utf8() != 0
        glyphs = utf8 ? .unicode : .ascii
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw SetupError(description: "the console needs a terminal (stdin and stdout must be a tty)")
        }
        guard let screen = repro_newterm() else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw SetupError(description: "cannot use terminal type `\(term)`")
        }
        self.screen = screen
        window = repro_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        wtimeout(window, pollMilliseconds)
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(repro_colors())
        }
        apply(theme: theme)
        updateSize()
    }

    /// Gives the terminal back (idempotent).
    func shutdown() {
        guard let screen else { return }
        curs_set(1)
        endwin()
        delscreen(screen)
        self.screen = nil
        window = nil
    }

    deinit { shutdown() }

    /// Sets up one colour pair per role for `theme`, mapped to the colours this terminal has.
    func apply(theme: Theme) {
        attributes = [:]
        let useColor = theme.usesColor && colorCount >= 8 && Int(repro_color_pairs()) > ThemeRole.allCases.count
        for (offset, role) in ThemeRole.allCases.enumerated() {
            let style = theme.style(role)
            var attr = repro_a_normal()
            if style.attributes.contains(.bold) { attr |= repro_a_bold() }
            if style.attributes.contains(.underline) { attr |= repro_a_underline() }
            if style.attributes.contains(.reverse) { attr |= repro_a_reverse() }
            if style.attributes.contains(.dim) { attr |= repro_a_dim() }
            var pair: Int16 = 0
            if useColor {
                pair = Int16(offset + 1)
                let (fg, bg) = style.resolvedColors(colorCount: colorCount)
                init_pair(pair, Int16(fg), Int16(bg))
            }
            attributes[role] = (attr, pair)
        }
        if let window, let normal = attributes[.normal] {
            wbkgdset(window, chtype(normal.attr) | chtype(repro_color_pair(Int32(normal.pair))))
        }
    }

    /// Re-reads the terminal size (after `KEY_RESIZE`).
    func updateSize() {
        guard let window else { return }
        var rows: Int32 = 0, cols: Int32 = 0
        repro_getmaxyx(window, &rows, &cols)
        height = Int(rows)
        width = Int(cols)
    }

    /// The next key, or nil when none came within the poll timeout.
    func readKey() -> Key? {
        guard let window else { return nil }
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == repro_key_code_yes() {
            return Self.decodeKeyCode(Int32(code))
        }
        guard result == OK else { return nil }
        return Key.fromCharacter(UInt32(code))
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case repro_key_resize(): return .resize
        case repro_key_up(): return .up
        case repro_key_down(): return .down
        case repro_key_left(): return .left
        case repro_key_right(): return .right
        case repro_key_home(): return .home
        case repro_key_end(): return .end
        case repro_key_npage(): return .pageDown
        case repro_key_ppage(): return .pageUp
        case repro_key_enter(): return .enter
        case repro_key_backspace(): return .backspace
        case repro_key_dc(): return .delete
        case repro_key_btab(): return .backTab
        default:
            for n in 1...12 where code == repro_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Clears the next frame.
    func clear() {
        guard let window else { return }
        werase(window)
    }

    /// Shows the frame drawn since `clear`.
    func present() {
        guard let window else { return }
        wnoutrefresh(window)
        doupdate()
    }

    @discardableResult
    func put(_ text: String, row: Int, col: Int, role: ThemeRole, maxWidth: Int) -> Int {
        guard let window, row >= 0, row < height, col >= 0, col < width else { return 0 }
        let safe = Self.withoutControls(utf8 ? text : Self.asciiOnly(text))
        let (clipped, used) = DisplayWidth.clip(safe, to: min(maxWidth, width - col))
        guard used > 0 else { return 0 }
        let style = attributes[role] ?? (repro_a_normal(), 0)
        repro_wattr_set(window, style.attr, style.pair)
        var wide = clipped.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        mvwaddnwstr(window, Int32(row), Int32(col), wide, Int32(wide.count - 1))
        return used
    }

    /// Replaces control characters, which would move the cursor (CR, LF, backspace) or show as
    /// two-cell `^X` sequences and break the layout: text from the network may hold any of them.
    static func withoutControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isControl(scalar) ? (scalar == "\t" ? " " : "?") : scalar)
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Replaces what a non-UTF-8 locale cannot show.
    static func asciiOnly(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return text }
        return String(text.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
    }
}
