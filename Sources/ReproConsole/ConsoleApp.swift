import Foundation
import ReproEngine

/// The full-screen console: the entry point `repro` calls.
///
/// It reads the engine only through a `ControlAPI` (in-process `EngineControl` or a
/// `ControlSocketClient`), so it never slows or blocks the engine: a poller task fetches
/// snapshots and bounded event pages, and a dedicated UI thread owns ncurses, reading keys
/// with a short timeout and redrawing at most 20 times a second.
public enum ConsoleApp {
    /// Redraws at most this often.
    static let frameInterval = 0.05

    /// Runs the console until the user quits (or SIGINT/SIGTERM/SIGHUP); the terminal is restored
    /// on every way out. Throws before touching the terminal when the theme cannot be loaded,
    /// or when there is no usable terminal.
    public static func run(api: any ControlAPI, options: ConsoleOptions) async throws {
        let theme = try ThemeLoader().load(options.theme)
        let inbox = LockedBox<[ConsoleUpdate]>([])
        let demand = LockedBox(PollDemand())
        let poller = ConsolePoller(api: api, inbox: inbox, demand: demand, logFilePath: options.logFilePath)
        let pollTask = Task.detached { await poller.run() }
        defer {
            demand.withLock { $0.stopped = true }
            pollTask.cancel()
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try uiLoop(api: api, theme: theme, options: options, inbox: inbox, demand: demand)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "repro-console"
            thread.start()
        }
    }

    /// The UI thread: owns the terminal from setup to teardown.
    private static func uiLoop(api: any ControlAPI, theme: Theme, options: ConsoleOptions,
                               inbox: LockedBox<[ConsoleUpdate]>, demand: LockedBox<PollDemand>) throws {
        let terminal = try Terminal(theme: theme)
        let previousHandlers = TerminalSignals.install()
        defer {
            terminal.shutdown()
            TerminalSignals.restore(previousHandlers)
        }
        let session = ConsoleSession(api: api, inbox: inbox, demand: demand, ownsEngine: options.ownsEngine,
                                     connectionLabel: options.connectionLabel, glyphs: terminal.glyphs)
        session.show(.registrations)
        var dirty = true
        var lastDraw = 0.0
        var lastSecond = 0
        while !session.quitRequested, TerminalSignals.pendingQuitSignal == nil {
            // Blocks at most the wtimeout (50 ms): keys and KEY_RESIZE come here.
            if let key = terminal.readKey() {
                if key == .resize {
                    terminal.updateSize()
                } else {
                    session.handle(key)
                }
                dirty = true
            }
            if session.drainInbox() { dirty = true }
            let now = MonotonicClock.now()
            if Int(now) != lastSecond {
                // Expiry countdowns and flash messages move once a second.
                lastSecond = Int(now)
                dirty = true
            }
            if dirty, now - lastDraw >= frameInterval {
                terminal.clear()
                session.draw(on: terminal)
                terminal.present()
                lastDraw = now
                dirty = false
            }
        }
    }
}
