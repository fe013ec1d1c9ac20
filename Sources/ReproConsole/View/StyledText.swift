/// A run of text drawn in one theme role.
public struct StyledSpan: Sendable, Equatable {
    public var text: String
    public var role: ThemeRole

    public init(_ text: String, _ role: ThemeRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text; view-models produce these so they can be tested without a terminal.
public struct StyledLine: Sendable, Equatable {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan] = []) { self.spans = spans }
    public init(_ text: String, _ role: ThemeRole = .normal) { self.spans = [StyledSpan(text, role)] }

    /// The line's text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    mutating func append(_ text: String, _ role: ThemeRole = .normal) {
        spans.append(StyledSpan(text, role))
    }
}
