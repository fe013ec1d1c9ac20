/// A console colour theme: a style for every `ThemeRole`.
///
/// Themes are plain text files (`Themes/*.theme`) of `role = FG [on BG] [attributes]`
/// lines; see `ThemeParser` for the grammar and `ThemeLoader` for where they are found.
public struct Theme: Sendable, Equatable {
    /// The theme's name, from its `name =` line or its file name.
    public var name: String
    /// Whether colours are used at all (false for `mono` and under `NO_COLOR`).
    public var usesColor: Bool
    var styles: [ThemeRole: ThemeStyle]

    /// A theme with every role in its monochrome attributes.
    public static func monochrome(name: String = "mono") -> Theme {
        var styles: [ThemeRole: ThemeStyle] = [:]
        for role in ThemeRole.allCases {
            styles[role] = ThemeStyle(attributes: role.monochromeAttributes)
        }
        return Theme(name: name, usesColor: false, styles: styles)
    }

    /// The style of `role`.
    public func style(_ role: ThemeRole) -> ThemeStyle {
        styles[role] ?? ThemeStyle(attributes: role.monochromeAttributes)
    }

    /// Sets the style of `role`.
    public mutating func setStyle(_ style: ThemeStyle, for role: ThemeRole) {
        styles[role] = style
    }

    /// The same theme with its colours dropped and its attributes kept (`NO_COLOR`, 1-colour terminals).
    public func withoutColor() -> Theme {
        var copy = self
        copy.usesColor = false
        for (role, style) in styles {
            copy.styles[role] = ThemeStyle(attributes: style.attributes)
        }
        return copy
    }
}
