import Foundation

/// Runs `repro` inside a detached tmux session of a fixed size and reads its screen.
/// Every session has a unique name and tmux server of its own, and is killed by `kill()`
/// (tests call it in `defer` or their suite's `deinit`), which ends the program by PID first.
final class ConsoleTmux {
    let session: String
    /// The tmux server's socket: ours to remove, since tmux leaves it behind when the server exits.
    private let socketPath: String

    /// Whether tmux is installed.
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `repro <arguments>` in a `width`×`height` session with `environment` added.
    init(_ arguments: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        session = "repro-console-\(UUID().uuidString.prefix(8))"
        socketPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(session).tmux").path
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]
        env.merge(environment) { _, new in new }
        let exports = env.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        // NO_COLOR only when a test sets it: `swift test` exports NO_COLOR=1 to the processes it
        // runs, and the tmux server (and so the pane) would inherit it.
        let command = "env -u NO_COLOR \(exports) '\(StoreCLI.binary)' "
            + arguments.map { "'\($0)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    /// Sends keys (tmux key names, e.g. "Enter", "Tab", "F1", or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen as text; with `escapes`, with the SGR sequences of its colours and attributes.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", session])
    }

    /// The process id of the program in the pane (`env` execs `repro`, so it is repro's).
    func panePID() throws -> pid_t? {
        pid_t(try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether the program in the pane has exited.
    func hasExited() throws -> Bool {
        try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).hasPrefix("1")
    }

    /// Waits (at most `timeout` seconds) until the screen contains `text`; returns the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Timeout(waitingFor: text, screen: last)
    }

    /// Waits until the program in the pane has exited.
    func waitForExit(timeout: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try hasExited() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Ends the program by PID (SIGTERM, then SIGKILL after 3 s) if it still runs, then the
    /// session and its tmux server (idempotent).
    func kill() {
        if let exited = try? hasExited(), !exited, let pid = try? panePID(), pid > 0 {
            Foundation.kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(3)
            while Date() < deadline, (try? hasExited()) == false { Thread.sleep(forTimeInterval: 0.05) }
            if (try? hasExited()) == false { Foundation.kill(pid, SIGKILL) }
        }
        _ = try? tmux(["kill-session", "-t", session])
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn + waitpid, output to a file: Foundation's Process can hang here, because
        // the tmux server that `new-session` forks keeps the client's descriptors.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(session)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let quoted = (["/usr/bin/tmux", "-S", socketPath, "-f", "/dev/null"] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let argv = ["/bin/sh", "-c", quoted + " >'\(file)' 2>/dev/null </dev/null"]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ) == 0 else { throw SpawnFailed() }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    struct SpawnFailed: Error {}

    /// A screen never showed what a test waited for.
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "timed out waiting for \"\(waitingFor)\"; screen:\n\(screen)" }
    }
}
