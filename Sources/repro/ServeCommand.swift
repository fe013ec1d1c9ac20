import ArgumentParser
import Foundation
import Logging
import NIOCore
import ReproEngine
import SIPCore

/// `repro serve`: the engine without a console, with the control API on a local socket.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registrar and proxy headless; the control API listens on a local socket.",
        discussion: "Ctrl-C or SIGTERM shuts it down cleanly. Attach a console with `repro console --attach`.")

    @OptionGroup var engineOptions: EngineOptions

    func run() async throws {
        ReproLogging.bootstrap(level: try engineOptions.resolvedLogLevel())
        let configuration = try engineOptions.engineConfiguration()
        let logger = ReproLogging.logger("serve")
        let engine = try await EngineLauncher.start(configuration)
        let socket = await ControlSocketHost.start(engine: engine, options: engineOptions, logger: logger)
        logger.info("repro \(ReproVersion.string) serving on \(engine.transportDescriptions.joined(separator: ", ")); data in \(configuration.dataDirectory)\(socket.description)")
        let why = try await SignalWaiter.wait()
        logger.info("\(why): shutting down")
        await socket.close()
        await engine.stop()
    }
}

/// Starts an engine, turning start-up failures into messages that name the problem.
enum EngineLauncher {
    static func start(_ configuration: EngineConfiguration) async throws -> Engine {
        do {
            return try await Engine.start(configuration)
        } catch let error as IOError {
            throw ValidationError("cannot listen: \(error.description) (is another SIP server using the port? try --udp-port/--tcp-port)")
        } catch {
            throw ValidationError("cannot start the engine: \(error)")
        }
    }
}
