import Foundation

/// Where repro keeps its data (the store's files, logs).
///
/// The default, in order: `$REPRO_DATA_DIR` if set; for root `/var/lib/repro`;
/// otherwise `$XDG_DATA_HOME/repro`, or `~/.local/share/repro` when
/// `XDG_DATA_HOME` is unset (XDG Base Directory specification). `--data-dir`
/// overrides all of them. The first run creates the directory (mode 0700:
/// it holds password digests).
public enum DataDirectory {
    /// The default data directory for this process.
    public static var `default`: String {
        resolve(environment: ProcessInfo.processInfo.environment, isRoot: geteuid() == 0,
                home: NSHomeDirectory())
    }

    /// The default for a given environment, user and home directory (testable form of `default`).
    public static func resolve(environment: [String: String], isRoot: Bool, home: String) -> String {
        if let explicit = environment["REPRO_DATA_DIR"], !explicit.isEmpty { return explicit }
        if isRoot { return "/var/lib/repro" }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/repro" }
        let base = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home
        return base + "/.local/share/repro"
    }

    /// Creates `path` (and its parents) if missing; throws `dataDirectory` when it
    /// cannot be created or is not a writable directory.
    public static func prepare(_ path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError.dataDirectory(path: path, reason: "not a directory") }
        } else {
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.dataDirectory(path: path, reason: "cannot create it (\(error.localizedDescription))")
            }
        }
        guard access(path, R_OK | W_OK | X_OK) == 0 else {
            throw StoreError.dataDirectory(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
