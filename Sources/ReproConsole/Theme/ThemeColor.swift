/// A colour as a theme names it: the terminal's default, a palette index or a 24-bit value.
///
/// Every colour is mapped to the nearest one the terminal has at run time
/// (`resolve(colorCount:)`), so one theme works with 8, 16 and 256 colours.
public enum ThemeColor: Sendable, Equatable {
    /// The terminal's own foreground or background (ncurses' -1 after `use_default_colors`).
    case terminalDefault
    /// An xterm palette index, 0–255.
    case index(UInt8)
    /// A 24-bit colour, `#RRGGBB`.
    case rgb(UInt8, UInt8, UInt8)

    /// The names a theme may use, with their palette index.
    static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a name, a 0–255 index or `#RRGGBB`; nil when it is none of them.
    public init?(parsing text: String) {
        let word = text.lowercased()
        if word == "default" || word == "none" {
            self = .terminalDefault
        } else if let index = Self.names[word] {
            self = .index(index)
        } else if let number = Int(word) {
            guard (0...255).contains(number) else { return nil }
            self = .index(UInt8(number))
        } else if word.hasPrefix("#"), word.count == 7, let value = UInt32(word.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The palette index to use on a terminal with `colorCount` colours (8, 16, 256 …),
    /// or -1 for the terminal's default.
    public func resolve(colorCount: Int) -> Int {
        let usable = min(max(colorCount, 0), 256)
        switch self {
        case .terminalDefault:
            return -1
        case .index(let index) where Int(index) < usable:
            return Int(index)
        case .index(let index):
            return Self.nearest(to: Self.rgb(ofIndex: Int(index)), among: usable)
        case .rgb(let r, let g, let b):
            return Self.nearest(to: (Int(r), Int(g), Int(b)), among: usable)
        }
    }

    /// The xterm palette entry for `index` (16 system colours, a 6×6×6 cube, 24 greys).
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        let system: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return system[max(index, 0)] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return (levels[n / 36], levels[n / 6 % 6], levels[n % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// The palette index among the first `count` whose colour is closest to `target`
    /// ("redmean" weighted distance, which tracks perceived difference better than plain RGB).
    static func nearest(to target: (Int, Int, Int), among count: Int) -> Int {
        guard count > 0 else { return -1 }
        var best = 0
        var bestDistance = Int.max
        for index in 0..<count {
            let (r, g, b) = rgb(ofIndex: index)
            let meanRed = (r + target.0) / 2
            let dr = r - target.0, dg = g - target.1, db = b - target.2
            // Swift's >> binds tighter than *: parenthesise the products.
            let distance = (((512 + meanRed) * dr * dr) >> 8) + 4 * dg * dg + (((767 - meanRed) * db * db) >> 8)
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }

    /// Relative brightness 0…255, for keeping text readable when fg and bg collapse to one colour.
    static func brightness(ofIndex index: Int) -> Int {
        let (r, g, b) = rgb(ofIndex: index)
        return (299 * r + 587 * g + 114 * b) / 1000
    }
}
