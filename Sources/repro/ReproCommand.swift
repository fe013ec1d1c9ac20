import ArgumentParser

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
            ServeCommand.self,
            ConsoleCommand.self,
        ]
    )

    func run() async throws {
        throw NotYetAvailableCommand.error(
            "the engine and its console (issues 3, 5, 6 and 7) are not built yet; "
                + "`repro bench parse` and the store commands work")
    }
}

/// The version repro reports.
enum ReproVersion {
    static let string = "0.1.0-dev"
}
