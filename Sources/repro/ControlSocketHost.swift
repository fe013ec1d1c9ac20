import Logging
import ReproEngine

/// The control socket of a running engine (the console attaches through it).
struct ControlSocketHost {
    var description: String
    private var server: ControlSocketServer?

    /// Serves the engine's control API on its socket path; a failure is logged, not fatal.
    static func start(engine: Engine, options: EngineOptions, logger: Logger) async -> ControlSocketHost {
        do {
            let path = try options.explicitControlSocket()
                ?? ControlSocketPath.default(dataDirectory: try options.resolvedDataDirectory)
            let server = try await ControlSocketServer.start(api: EngineControl(engine: engine), path: path)
            return ControlSocketHost(description: "; control socket \(path)", server: server)
        } catch {
            logger.error("control socket not available: \(error)")
            return ControlSocketHost(description: "; no control socket", server: nil)
        }
    }

    func close() async {
        try? await server?.close()
    }
}
