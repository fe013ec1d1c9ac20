import Foundation
import ReproTestSupport

/// A `repro serve` process of the built binary on 127.0.0.1, with a data directory of its
/// own: the domain, users and routes are put in with the store commands before it starts.
///
/// One port serves both UDP and TCP. `stop()` ends the process by PID (SIGTERM, then
/// SIGKILL) and removes the directory; `ReproServer.with` makes sure it runs.
final class ReproServer {
    /// What the server is started with.
    struct Setup {
        /// The domain the server is responsible for (`--domain`).
        var domain = "example.test"
        /// Challenge requests and registrations (no `--disable-auth`).
        var authentication = false
        /// Users put in with `repro db import`, as (user, password).
        var users: [(user: String, password: String)] = []
        /// Users put in one by one with `repro user add … --password-stdin`.
        var usersAddedByCommand: [(user: String, password: String)] = []
        /// Static routes put in with `repro route add PATTERN REWRITE`; `{port}` in the rewrite
        /// stands for the server's port, known only once it is chosen.
        var routes: [(pattern: String, rewrite: String)] = []
        /// `Name = value` lines of a `--config` file. MD5 alone by default: SIPp answers only
        /// the first challenge, and only MD5.
        var config: [String] = ["DigestAlgorithms = MD5"]
    }

    let setup: Setup
    /// The UDP and TCP port.
    let port: Int
    let directory: URL
    private let process: Process
    private let logFile: URL

    /// "127.0.0.1:port", SIPp's remote address.
    var address: String { "127.0.0.1:\(port)" }
    var dataDirectory: String { directory.appendingPathComponent("data").path }
    /// The control socket `repro console --attach` connects to: in the server's own directory,
    /// so that servers running side by side never share one.
    var controlSocket: String { Self.controlSocket(in: directory) }
    /// Whether the server process still runs.
    var isRunning: Bool { process.isRunning }
    /// The server's process id (for its CPU time in /proc).
    var pid: Int32 { process.processIdentifier }
    /// What the server logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Starts a server, runs `body` with it, and stops it whatever happens.
    static func with<T>(_ setup: Setup, _ body: (ReproServer) throws -> T) throws -> T {
        let server = try ReproServer(setup)
        defer { server.stop() }
        return try body(server)
    }

    /// Prepares the data directory and starts the server on a free port; returns once it
    /// logged that it is serving. A port taken in between is retried on another.
    init(_ setup: Setup) throws {
        self.setup = setup
        guard FileManager.default.isExecutableFile(atPath: StoreCLI.binary) else {
            throw StoreCommandMissing(path: StoreCLI.binary)
        }
        var lastLog = ""
        for _ in 0..<3 {
            let directory = try TemporaryDirectory.make(prefix: "repro-e2e")
            let port = FreePort.make()
            let logFile = directory.appendingPathComponent("serve.log")
            do {
                try Self.prepare(setup, directory: directory, port: port)
                let process = try Self.launch(setup, directory: directory, port: port, logFile: logFile)
                if try Self.waitUntilServing(process, logFile: logFile) {
                    (self.directory, self.port, self.process, self.logFile) = (directory, port, process, logFile)
                    return
                }
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
            // It exited at once: most likely another process took the port since FreePort chose it.
            lastLog = Self.read(logFile)
            try? FileManager.default.removeItem(at: directory)
        }
        throw ServerError("repro serve exited before serving, three times; last log: \(lastLog)")
    }

    /// Stops the server by PID and removes its directory (idempotent).
    func stop() {
        Self.terminate(process)
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    // MARK: Start-up

    private static func prepare(_ setup: Setup, directory: URL, port: Int) throws {
        let data = directory.appendingPathComponent("data").path
        let document: [String: Any] = [
            "domains": [["name": setup.domain]],
            "users": setup.users.map { ["user": $0.user, "domain": setup.domain, "password": $0.password] },
        ]
        let importFile = directory.appendingPathComponent("import.json")
        try JSONSerialization.data(withJSONObject: document).write(to: importFile)
        try command(["db", "import", importFile.path, "--data-dir", data])
        for user in setup.usersAddedByCommand {
            try command(["user", "add", "\(user.user)@\(setup.domain)", "--password-stdin", "--data-dir", data],
                        input: user.password + "\n")
        }
        for route in setup.routes {
            let rewrite = route.rewrite.replacingOccurrences(of: "{port}", with: String(port))
            try command(["route", "add", route.pattern, rewrite, "--data-dir", data])
        }
        try setup.config.joined(separator: "\n").write(to: directory.appendingPathComponent("repro.config"),
                                                       atomically: true, encoding: .utf8)
    }

    private static func launch(_ setup: Setup, directory: URL, port: Int, logFile: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = [
            "serve", "--data-dir", directory.appendingPathComponent("data").path,
            "--config", directory.appendingPathComponent("repro.config").path,
            "--bind", "127.0.0.1", "--udp-port", String(port), "--tcp-port", String(port),
            "--domain", setup.domain, "--log-level", "info", "--control-socket", controlSocket(in: directory),
        ] + (setup.authentication ? [] : ["--disable-auth"])
        process.currentDirectoryURL = directory
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()  // the child has its own descriptor
        return process
    }

    private static func controlSocket(in directory: URL) -> String {
        directory.appendingPathComponent("control.sock").path
    }

    /// Waits for the "serving on" log line (at most 10 s); false when the process exited first.
    private static func waitUntilServing(_ process: Process, logFile: URL) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if read(logFile).contains(" serving on ") { return true }
            if !process.isRunning { return false }
            usleep(20_000)
        }
        terminate(process)
        throw ServerError("repro serve did not report serving within 10 s: \(read(logFile))")
    }

    /// SIGTERM (a clean shutdown), then SIGKILL after 3 s.
    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    private static func read(_ file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Runs a store command of the binary; a failure throws with what it printed.
    private static func command(_ arguments: [String], input: String = "") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = arguments
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError("repro \(arguments.joined(separator: " ")) failed: \(String(decoding: printed, as: UTF8.self))")
        }
    }
}

/// The server could not be prepared or started.
struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
