import Foundation
import Logging

/// A swift-log handler that appends lines to a file: while the console owns the
/// terminal, log lines go here (and to the status pane), never to the screen.
struct FileLogHandler: LogHandler {
    /// One open file shared by every logger.
    final class Sink: @unchecked Sendable {
        private let handle: FileHandle?
        private let lock = NSLock()

        init(path: String) {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
        }

        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            try? handle?.write(contentsOf: Data(line.utf8))
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = ISO8601DateFormatter().string(from: Date())
        sink.write("\(time) \(level) \(label):\(meta) \(message)\n")
    }
}

