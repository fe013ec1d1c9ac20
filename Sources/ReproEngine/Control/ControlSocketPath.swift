import Foundation

/// Where the control socket lives unless `--control-socket PATH` (or `ControlSocket =` in the
/// config file) says otherwise: `$REPRO_CONTROL_SOCKET`, else `$XDG_RUNTIME_DIR/repro/control.sock`,
/// else `<data directory>/control.sock`, else `/tmp/repro-<uid>/control.sock`. The directory is
/// created owner-only (0700) when missing and the socket file is 0600: only the engine's user can attach.
public enum ControlSocketPath {
    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 dataDirectory: String? = nil) -> String {
        if let path = environment["REPRO_CONTROL_SOCKET"], !path.isEmpty { return path }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/repro/control.sock" }
        if let dataDirectory, !dataDirectory.isEmpty { return dataDirectory + "/control.sock" }
        return "/tmp/repro-\(getuid())/control.sock"
    }
}
