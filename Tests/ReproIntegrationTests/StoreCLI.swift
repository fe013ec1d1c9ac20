import Foundation
import Testing

/// Runs the built `repro` binary against a data directory of its own.
///
/// The binary is `$REPRO_BIN` when set, else `<package root>/.build/debug/repro`.
final class StoreCLI {
    /// What one run printed and how it ended.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let dataDir: String
    private let root: URL

    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["REPRO_BIN"], !bin.isEmpty { return bin }
        // <root>/Tests/ReproIntegrationTests/StoreCLI.swift → <root>
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/repro").path
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("repro-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        dataDir = root.appendingPathComponent("data").path
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw StoreCommandMissing(path: Self.binary)
        }
    }

    /// A path inside this run's temporary directory.
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs `repro <arguments> --data-dir <dataDir>` with `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String = "", dataDir: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments + ["--data-dir", dataDir ?? self.dataDir]
        let out = path("stdout-\(UUID().uuidString)")
        let err = path("stderr-\(UUID().uuidString)")
        for file in [out, err] where !FileManager.default.createFile(atPath: file, contents: nil) {
            throw StoreCommandMissing(path: file)
        }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOfFile: out, encoding: .utf8),
                      stderr: try String(contentsOfFile: err, encoding: .utf8))
    }

    /// Runs and requires success, returning standard output.
    @discardableResult
    func succeed(_ arguments: [String], input: String = "", sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "repro \(arguments.joined(separator: " ")): \(result.stderr)",
                sourceLocation: sourceLocation)
        return result.stdout
    }
}

/// The binary has not been built, or its output cannot be captured.
struct StoreCommandMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot use \(path): build repro first (swift build) or set REPRO_BIN" }
}
