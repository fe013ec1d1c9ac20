import ArgumentParser
import Foundation
import Logging
import ReproConsole
import ReproEngine
import ReproStore
import SIPCore

/// `repro` (or `repro run`): the engine in the background and the console in the
/// foreground, on the default data directory unless told otherwise.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start the engine with its console (the default when no subcommand is given).")

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var console: ConsoleOptionsGroup

    /// The engine in the background and the console in the foreground.
    func run() async throws {
        let configuration = try engineOptions.engineConfiguration()
        try DataDirectory.prepare(configuration.dataDirectory)
        // While the console owns the terminal, log lines go to a file in the data directory.
        let logPath = configuration.dataDirectory + "/repro.log"
        let sink = FileLogHandler.Sink(path: logPath)
        ReproLogging.bootstrap(level: try engineOptions.resolvedLogLevel()) { label in
            FileLogHandler(label: label, sink: sink)
        }
        let logger = ReproLogging.logger("repro")
        let engine = try await EngineLauncher.start(configuration)
        let socket = await ControlSocketHost.start(engine: engine, options: engineOptions, logger: logger)
        logger.info("repro \(ReproVersion.string) on \(engine.transportDescriptions.joined(separator: ", ")); data in \(configuration.dataDirectory)\(socket.description)")
        do {
            try await ConsoleApp.run(api: EngineControl(engine: engine),
                                     options: console.consoleOptions(ownsEngine: true, logFilePath: logPath))
        } catch {
            await socket.close()
            await engine.stop()
            throw ValidationError("\(error) (run `repro serve` for the engine without a console)")
        }
        logger.info("console closed: shutting down")
        await socket.close()
        await engine.stop()
    }
}
