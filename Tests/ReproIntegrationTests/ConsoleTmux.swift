import Foundation

/// Runs `repro` inside a detached tmux session of a fixed size and reads its screen.
/// Every session has a unique name and is killed by `kill()` (tests call it in `defer`).
final class ConsoleTmux {
    let session: String
    private let socketName: String

    /// Whether tmux is installed.
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `repro <arguments>` in a `width`×`height` session with `environment` added.
    init(_ arguments: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        session = "repro-console-\(UUID().uuidString.prefix(8))"
        socketName = session
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]
        env.merge(environment) { _, new in new }
        let exports = env.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let command = "env \(exports) '\(StoreCLI.binary)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    /// Sends keys (tmux key names, e.g. "Enter", "Tab", "F1", or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen as text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
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
            if try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).hasPrefix("1") { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    func kill() {
        _ = try? tmux(["kill-session", "-t", session])
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn + waitpid, output to a file: Foundation's Process can hang here, because
        // the tmux server that `new-session` forks keeps the client's descriptors.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(session)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let quoted = (["/usr/bin/tmux", "-L", socketName, "-f", "/dev/null"] + arguments)
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
