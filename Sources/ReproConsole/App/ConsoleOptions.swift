/// How `ConsoleApp.run` sets up the console.
public struct ConsoleOptions: Sendable {
    /// A theme name (`default`, `light`, `high-contrast`, `mono`, a user theme) or a theme file path;
    /// nil for `default`.
    public var theme: String?
    /// Whether quitting the console stops the engine (it runs in this process): `q` then asks first.
    public var ownsEngine: Bool
    /// The engine's log file, whose last lines the status pane shows; nil for none.
    public var logFilePath: String?
    /// What the header calls the engine's location, e.g. the control socket path when attached.
    public var connectionLabel: String?

    public init(theme: String? = nil, ownsEngine: Bool, logFilePath: String? = nil, connectionLabel: String? = nil) {
        self.theme = theme
        self.ownsEngine = ownsEngine
        self.logFilePath = logFilePath
        self.connectionLabel = connectionLabel
    }
}
