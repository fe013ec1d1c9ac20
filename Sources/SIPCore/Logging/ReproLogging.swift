import Logging
import Synchronization

/// Logging for every repro module through swift-log: one label per module
/// (`repro.sipcore`, `repro.sipstack`, …) and one level, shared by all of them,
/// that can be changed while running (the console and control API do).
public enum ReproLogging {
    private static let level = Mutex<Logger.Level>(.info)

    /// The current level for all repro loggers.
    public static var currentLevel: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }

    /// A logger for `module`, labelled `repro.<module>`.
    public static func logger(_ module: String) -> Logger {
        Logger(label: "repro.\(module)")
    }

    /// Installs handlers whose level follows `currentLevel`; `makeHandler` gives the
    /// underlying output (standard error by default, a file while the console runs).
    public static func bootstrap(level: Logger.Level = .info,
                                 _ makeHandler: @escaping @Sendable (String) -> any LogHandler = StreamLogHandler.standardError) {
        currentLevel = level
        LoggingSystem.bootstrap { label in LevelFollowingLogHandler(inner: makeHandler(label)) }
    }
}

/// A log handler whose level is always `ReproLogging.currentLevel`.
public struct LevelFollowingLogHandler: LogHandler {
    public var inner: any LogHandler

    public init(inner: any LogHandler) {
        self.inner = inner
        self.inner.logLevel = .trace
    }

    public var logLevel: Logger.Level {
        get { ReproLogging.currentLevel }
        set { ReproLogging.currentLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        inner.log(event: event)
    }
}
