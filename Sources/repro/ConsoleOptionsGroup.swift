import ArgumentParser
import ReproConsole

/// Console options any command that shows the console takes (`repro`, `repro console`).
struct ConsoleOptionsGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Colour theme: default, light, high-contrast, mono, a theme in $XDG_CONFIG_HOME/repro/themes, or a file path. "
            + "NO_COLOR forces mono.", valueName: "NAME|PATH"))
    var theme: String?

    /// The console options for this command line.
    func consoleOptions(ownsEngine: Bool, logFilePath: String? = nil, connectionLabel: String? = nil) -> ConsoleOptions {
        ConsoleOptions(theme: theme, ownsEngine: ownsEngine, logFilePath: logFilePath, connectionLabel: connectionLabel)
    }
}
