import ArgumentParser

/// Subcommands that the architecture names but that are not built yet; each says so.
enum NotYetAvailableCommand {
    /// The error a not-yet-built command exits with.
    static func error(_ what: String) -> ValidationError {
        ValidationError("not available yet: \(what)")
    }
}
