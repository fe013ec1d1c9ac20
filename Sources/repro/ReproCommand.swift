import ArgumentParser
import ReproEngine

/// The `repro` command line: a SIP proxy and registrar run from the terminal.
///
/// With no subcommand it starts the engine with its console; the subcommands
/// run the engine headless, attach a console, edit the store or benchmark.
@main
struct ReproCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "A SIP proxy and registrar (RFC 3261) with a terminal console.",
        version: ReproVersion.string,
        subcommands: [
            BenchCommand.self,
            UserCommand.self, RouteCommand.self, DomainCommand.self, AclCommand.self, DbCommand.self,
            RunCommand.self,
            ServeCommand.self,
            ConsoleCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

/// The version repro reports: the engine's.
enum ReproVersion {
    static let string = ReproEngineInfo.version
}
