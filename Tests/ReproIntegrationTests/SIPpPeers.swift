import Foundation
import ReproTestSupport

/// The transport a SIPp peer talks to the proxy over.
enum SIPTransport: String, CaseIterable, CustomStringConvertible, Sendable {
    case udp, tcp

    /// SIPp's `-t` mode: one socket for every call.
    var sippMode: String { self == .udp ? "u1" : "t1" }
    var description: String { rawValue.uppercased() }
}

/// The SIPp peers of one test, all on 127.0.0.1 against one repro (a `ReproServer`, or any
/// address it listens on): phones that register and then answer in the background, and
/// callers that run to the end.
///
/// Every peer gets the same Call-ID (see `SIPpScenario`), its own free port, `-m` and
/// `-timeout`. `stop()` kills what still runs, by PID, and removes the logs.
final class SIPpPeers {
    /// "127.0.0.1:port" of the repro the peers talk to.
    let address: String
    let directory: URL
    /// `-cid_str`: every peer runs one call, numbered 1, so all share this Call-ID.
    let callIDPattern = "e2e-\(UUID().uuidString)-%u"
    private var started: [SIPp.Running] = []

    init(address: String) throws {
        self.address = address
        directory = try TemporaryDirectory.make(prefix: "repro-e2e-sipp")
    }

    convenience init(server: ReproServer) throws { try self.init(address: server.address) }

    /// Creates the peers, runs `body`, and stops every peer whatever happens.
    static func with<T>(_ server: ReproServer, _ body: (SIPpPeers) throws -> T) throws -> T {
        let peers = try SIPpPeers(address: server.address)
        defer { peers.stop() }
        return try body(peers)
    }

    /// A phone started in the background; it registers, then plays the rest of its scenario.
    final class Phone {
        let name: String
        let process: SIPp.Running
        /// The file its scenario touches once the registrar answered 200.
        let registeredMarker: URL

        init(name: String, process: SIPp.Running, registeredMarker: URL) {
            self.name = name
            self.process = process
            self.registeredMarker = registeredMarker
        }

        /// Returns once the phone is registered; throws when it failed or took over `timeout` s.
        func waitUntilRegistered(timeout: TimeInterval = 10) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while !FileManager.default.fileExists(atPath: registeredMarker.path) {
                guard process.isRunning, Date() < deadline else {
                    process.kill()
                    throw ServerError("phone \(name) did not register: \(process.wait(timeout: 1).output)")
                }
                usleep(10_000)
            }
        }

        /// Waits for the phone's scenario to end (at most `timeout` s) and returns its outcome.
        func result(timeout: TimeInterval = 10) -> SIPp.Result { process.wait(timeout: timeout) }
    }

    /// The marker path a phone's scenario named `name` touches when registered.
    func registeredMarker(_ name: String) -> URL { directory.appendingPathComponent("\(name).registered") }

    /// Starts a phone whose scenario was built with `registeredMarker(name)`, and waits until it
    /// is registered.
    func startPhone(_ scenario: SIPpScenario, transport: SIPTransport, timeout: Int = 15) throws -> Phone {
        let process = try start(scenario, transport: transport, arguments: ["-m", "1", "-timeout", "\(timeout)"])
        let phone = Phone(name: scenario.name, process: process, registeredMarker: registeredMarker(scenario.name))
        try phone.waitUntilRegistered()
        return phone
    }

    /// Runs `scenario` to the end: `calls` calls at `rate` per second, fields from `injection`
    /// (a CSV file for `-inf`).
    func run(_ scenario: SIPpScenario, transport: SIPTransport, calls: Int = 1, rate: Int = 10,
             injection: URL? = nil, timeout: Int = 10) throws -> SIPp.Result {
        var arguments = ["-m", "\(calls)", "-r", "\(rate)", "-timeout", "\(timeout)"]
        if let injection { arguments += ["-inf", injection.path] }
        var result = try start(scenario, transport: transport, arguments: arguments)
            .wait(timeout: TimeInterval(timeout + 5))
        // A free port can be taken by a test running in parallel before SIPp binds it; SIPp
        // then sends nothing and exits at once, so it is started again on another port.
        var attempts = 1
        while attempts < 3 && result.output.contains("Unable to bind main socket") {
            attempts += 1
            result = try start(scenario, transport: transport, arguments: arguments)
                .wait(timeout: TimeInterval(timeout + 5))
        }
        return result
    }

    /// Writes a CSV injection file (`SEQUENTIAL`, one line per call, fields split by `;`).
    func injectionFile(_ name: String, lines: [String]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try (["SEQUENTIAL"] + lines).joined(separator: "\n").appending("\n")
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Kills every peer that still runs and removes the logs (idempotent; with E2E_TRACE=1
    /// the logs stay for reading).
    func stop() {
        for process in started { process.kill() }
        if Self.tracing { return }
        try? FileManager.default.removeItem(at: directory)
    }

    /// E2E_TRACE=1: SIPp logs every message (`<name>_<pid>_messages.log`) and the logs are kept.
    static var tracing: Bool { ProcessInfo.processInfo.environment["E2E_TRACE"] == "1" }

    deinit { stop() }

    private func start(_ scenario: SIPpScenario, transport: SIPTransport, arguments: [String]) throws -> SIPp.Running {
        let file = try SIPp.scenario(scenario.xml, in: directory, name: "\(scenario.name).xml")
        var all = [address, "-sf", file, "-t", transport.sippMode, "-i", "127.0.0.1",
                   "-p", "\(FreePort.make())", "-cid_str", callIDPattern, "-trace_err"] + arguments
        if Self.tracing { all.append("-trace_msg") }
        let process = try SIPp.start(all, workingDirectory: directory)
        started.append(process)
        return process
    }
}
