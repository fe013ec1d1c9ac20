/// A failure of a store command that is not a usage mistake: printed as
/// `Error: <message>` with exit status 1 and, unlike `ValidationError`, without
/// the usage text.
struct StoreCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
