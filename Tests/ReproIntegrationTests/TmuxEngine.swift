import Foundation
import ReproTestSupport

/// `repro` — the engine with its console — running in a fixed-size tmux session on 127.0.0.1,
/// with a temporary data directory, a free port (UDP and TCP) and a control socket of its own.
///
/// `stop()` ends the process by PID and kills the tmux session (`ConsoleTmux.kill`), then
/// removes the directory; it is idempotent, and `deinit` calls it.
final class TmuxEngine {
    static let domain = CallScenarios.domain

    let tmux: ConsoleTmux
    let port: Int
    let directory: URL

    /// "127.0.0.1:port", SIPp's remote address.
    var address: String { "127.0.0.1:\(port)" }
    var dataDirectory: String { directory.appendingPathComponent("data").path }
    var controlSocket: String { directory.appendingPathComponent("control.sock").path }
    /// What the engine logged so far (with the console up it logs to a file in the data directory).
    var log: String { (try? String(contentsOfFile: dataDirectory + "/repro.log", encoding: .utf8)) ?? "" }
    /// The header shows our transports once the engine is serving and the console has polled it.
    var servingMarker: String { "UDP \(address) TCP \(address)" }

    /// Starts `repro --data-dir … --bind 127.0.0.1 --udp-port P --tcp-port P --domain example.test
    /// --disable-auth --control-socket …` plus `arguments` in a `width`×`height` session; returns once
    /// the header shows the transports. A port taken in between is retried on another.
    init(_ arguments: [String] = [], width: Int = 140, height: Int = 45) throws {
        var lastScreen = ""
        for _ in 0..<3 {
            let directory = try TemporaryDirectory.make(prefix: "repro-console-e2e")
            let port = FreePort.make()
            let data = directory.appendingPathComponent("data").path
            let socket = directory.appendingPathComponent("control.sock").path
            let tmux: ConsoleTmux
            do {
                tmux = try ConsoleTmux(["--data-dir", data, "--bind", "127.0.0.1", "--udp-port", "\(port)",
                                        "--tcp-port", "\(port)", "--domain", Self.domain, "--disable-auth",
                                        "--control-socket", socket] + arguments, width: width, height: height)
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
            if let screen = Self.waitUntilServing(tmux, marker: "UDP 127.0.0.1:\(port) TCP 127.0.0.1:\(port)") {
                lastScreen = screen
                tmux.kill()
                try? FileManager.default.removeItem(at: directory)
                continue
            }
            (self.tmux, self.port, self.directory) = (tmux, port, directory)
            return
        }
        throw ServerError("repro did not start in tmux, three times; last screen:\n\(lastScreen)")
    }

    /// Waits (at most 15 s) for `marker` on the screen; nil when it showed, else the last screen
    /// (the program exited — most likely the port was taken — or never got there).
    private static func waitUntilServing(_ tmux: ConsoleTmux, marker: String) -> String? {
        let deadline = Date().addingTimeInterval(15)
        var screen = ""
        while Date() < deadline {
            screen = (try? tmux.screen()) ?? ""
            if screen.contains(marker) { return nil }
            if (try? tmux.hasExited()) == true { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return screen
    }

    /// Kills the console and the engine (by PID) and the tmux session, and removes the directory.
    func stop() {
        tmux.kill()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
