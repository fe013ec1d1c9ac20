import Foundation

/// Runs SIPp (Debian package `sip-tester`, installed by the test script) as a real
/// peer: bounded by call count and a timeout, on loopback only.
public enum SIPp {
    /// The outcome of one SIPp run.
    public struct Result: Sendable {
        public var exitCode: Int32
        public var successfulCalls: Int
        public var failedCalls: Int
        public var output: String
        /// SIPp exits 0 only when every call succeeded.
        public var allSucceeded: Bool { exitCode == 0 && failedCalls == 0 }
    }

    /// The sipp executable, or nil when it is not installed.
    public static var path: String? {
        ["/usr/bin/sipp", "/usr/local/bin/sipp"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `sipp` with `arguments` (plus `-nostdin`), killing it after `timeout` seconds.
    /// `workingDirectory` receives SIPp's log files (a temporary directory by default).
    public static func run(_ arguments: [String], timeout: TimeInterval = 60,
                           workingDirectory: URL? = nil) throws -> Result {
        try start(arguments, workingDirectory: workingDirectory).wait(timeout: timeout)
    }

    /// Starts `sipp` with `arguments` (plus `-nostdin`) in the background: a peer that must be
    /// running while the test drives another (a UAS the test's UAC calls). Wait for it, or kill it.
    public static func start(_ arguments: [String], workingDirectory: URL? = nil) throws -> Running {
        guard let sipp = path else { throw SIPpError.notInstalled }
        let dir = try workingDirectory ?? TemporaryDirectory.make(prefix: "sipp")
        let ownsDirectory = workingDirectory == nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sipp)
        process.arguments = arguments + ["-nostdin"]
        process.currentDirectoryURL = dir
        let outFile = dir.appendingPathComponent("sipp-stdout-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Running(process: process, directory: dir, outFile: outFile, handle: handle, ownsDirectory: ownsDirectory)
    }

    /// A SIPp process started with `start`.
    public final class Running: @unchecked Sendable {
        private let process: Process
        private let outFile: URL
        private let handle: FileHandle
        /// A temporary directory made for this run, removed once it is waited for.
        private let ownsDirectory: Bool
        /// Where SIPp writes its logs (`-trace_err` files land here).
        public let directory: URL

        init(process: Process, directory: URL, outFile: URL, handle: FileHandle, ownsDirectory: Bool) {
            self.process = process
            self.directory = directory
            self.outFile = outFile
            self.handle = handle
            self.ownsDirectory = ownsDirectory
        }

        /// The process id, for killing it by PID.
        public var pid: Int32 { process.processIdentifier }
        public var isRunning: Bool { process.isRunning }

        /// Waits until SIPp exits, killing it after `timeout` seconds, and reads its statistics.
        public func wait(timeout: TimeInterval) -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            kill()
            process.waitUntilExit()
            try? handle.close()
            let output = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
            let result = Result(exitCode: process.terminationStatus,
                                successfulCalls: SIPp.count("Successful call", in: output),
                                failedCalls: SIPp.count("Failed call", in: output),
                                output: output + errorLogs())
            if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
            return result
        }

        /// Ends SIPp by PID if it still runs: SIGTERM, then SIGKILL after a second.
        public func kill() {
            guard process.isRunning else { return }
            let pid = process.processIdentifier
            _ = Foundation.kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(1)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { _ = Foundation.kill(pid, SIGKILL) }
        }

        /// The `-trace_err` logs SIPp left, which say why a call failed.
        private func errorLogs() -> String {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return files.filter { $0.hasSuffix("_errors.log") }.sorted().compactMap {
                try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
            }.map { "\n--- SIPp errors ---\n" + $0 }.joined()
        }
    }

    /// The cumulative figure on the last `label` line of SIPp's final statistics.
    static func count(_ label: String, in output: String) -> Int {
        guard let line = output.split(separator: "\n").last(where: { $0.contains(label) }) else { return 0 }
        let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        return fields.last.flatMap { Int($0) } ?? 0
    }

    /// Writes a scenario file and returns its path.
    public static func scenario(_ xml: String, in dir: URL, name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

public enum SIPpError: Error, CustomStringConvertible {
    case notInstalled
    public var description: String { "sipp is not installed: run ./test.sh, which installs sip-tester" }
}

/// Temporary directories that tests remove when done.
public enum TemporaryDirectory {
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Free loopback ports for servers the tests start.
public enum FreePort {
    /// A port that is free for both UDP and TCP on 127.0.0.1 right now.
    public static func make() -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000...45_000)
            if isFree(port, udp: true) && isFree(port, udp: false) { return port }
        }
        return Int.random(in: 20_000...45_000)
    }

    /// Whether `port` is free for both UDP and TCP on 127.0.0.1.
    public static func isFree(_ port: Int) -> Bool { isFree(port, udp: true) && isFree(port, udp: false) }

    private static func isFree(_ port: Int, udp: Bool) -> Bool {
        #if canImport(Glibc)
        let kind = udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue)
        #else
        let kind = udp ? SOCK_DGRAM : SOCK_STREAM
        #endif
        let fd = socket(AF_INET, kind, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
