import ArgumentParser
import ReproConsole
import ReproEngine
import ReproStore

/// `repro console`: a console attached to an engine that runs elsewhere (`repro serve`).
/// Quitting it leaves the engine running.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Attach a console to a running engine (`repro serve`) over its control socket.",
        discussion: """
            The control socket is, unless `repro serve --control-socket PATH` moved it: \
            $REPRO_CONTROL_SOCKET, else $XDG_RUNTIME_DIR/repro/control.sock, else DATA-DIR/control.sock \
            (owner-only: 0700 directory, 0600 socket).
            """)

    @Option(name: .long, help: ArgumentHelp("The engine's control socket.", valueName: "PATH"))
    var attach: String?

    @OptionGroup var console: ConsoleOptionsGroup

    @Flag(name: .long, help: .hidden)
    var demo = false

    @Option(name: .customLong("demo-registrations"), help: .hidden)
    var demoRegistrations = 40

    func run() async throws {
        if demo {
            let api = DemoControlAPI(registrationCount: demoRegistrations)
            try await ConsoleApp.run(api: api, options: console.consoleOptions(ownsEngine: false,
                                                                              connectionLabel: "demo"))
            return
        }
        let path = attach ?? ControlSocketPath.default(dataDirectory: DataDirectory.default)
        let client = try await ControlSocketClient.connect(path: path)
        do {
            try await ConsoleApp.run(api: client, options: console.consoleOptions(ownsEngine: false,
                                                                                 connectionLabel: path))
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }
}
