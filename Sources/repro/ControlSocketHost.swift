import Logging
import ReproEngine

/// The control socket of a running engine (the console attaches through it).
struct ControlSocketHost {
    var description: String

    /// Serves the engine's control API on its socket path; a failure is logged, not fatal.
    static func start(engine: Engine, options: EngineOptions, logger: Logger) async -> ControlSocketHost {
        // The socket server arrives with the console work (issue 7).
        ControlSocketHost(description: "")
    }

    func close() async {}
}
