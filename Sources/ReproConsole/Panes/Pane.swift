import ReproEngine

/// One key and what it does, for the footer and the help overlay.
public struct KeyHelp: Sendable, Equatable {
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

/// A screen of the console (sngrep's panels): draw, handle a key, resize, help.
///
/// Panes live on the UI thread. They read the engine only through `PaneContext`
/// (the last fetched model, and `perform` for control API commands).
protocol Pane: AnyObject {
    var id: PaneID { get }
    /// Every key this pane handles, for the help overlay.
    var keyHelp: [KeyHelp] { get }
    /// The few keys worth showing in the footer now.
    var footerHints: [KeyHelp] { get }
    /// True while a form, dialog or viewer of the pane takes every key (text entry).
    var capturesInput: Bool { get }
    /// The `/` filter applied to the pane's list (case-insensitive substring).
    var filter: String { get set }
    /// Lays out for a new area (a terminal resize, or first show).
    func resize(to rect: Rect)
    /// Draws the pane into the area of the last `resize`.
    func draw(on canvas: any Canvas, context: any PaneContext)
    /// Handles a key; false when the pane does not use it.
    func handleKey(_ key: Key, context: any PaneContext) -> Bool
}

/// What panes may ask of the console.
protocol PaneContext: AnyObject {
    var model: ConsoleModel { get }
    /// Monotonic seconds now (for countdowns).
    var now: Double { get }
    var glyphs: Glyphs { get }
    /// Runs a control API call off the UI thread; `then` runs on the UI thread with its result.
    func perform<T: Sendable>(_ operation: @escaping @Sendable (any ControlAPI) async throws -> T,
                              then: @escaping (Result<T, ControlError>) -> Void)
    /// Asks a yes/no question; `action` runs on yes.
    func confirm(_ question: String, action: @escaping () -> Void)
    /// Shows a one-line message in the footer for a few seconds.
    func flash(_ message: String, isError: Bool)
    /// Asks the poller to re-read users/routes now.
    func requestRefresh(users: Bool, routes: Bool)
}
