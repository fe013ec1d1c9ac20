import ArgumentParser
import ReproStore

/// The options every store command shares: where the data lives.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The data directory (default: $REPRO_DATA_DIR, else $XDG_DATA_HOME/repro or ~/.local/share/repro; "
            + "/var/lib/repro for root). Created on first use.",
        valueName: "dir"))
    var dataDir: String?

    /// The directory in use.
    var directory: String { dataDir ?? DataDirectory.default }

    /// Opens the store, runs `body` and closes it again, whatever happens.
    @discardableResult
    func withStore<T>(_ body: (DataStore) throws -> T) throws -> T {
        let store = try DataStore.openBerkeleyDB(directory: directory, cacheMegabytes: 16)
        defer { store.close() }
        return try body(store)
    }
}
