import ArgumentParser
import Foundation
import Logging
import ReproEngine
import ReproStore
import SIPCore

/// The options every engine command takes (`repro`, `repro serve`): ../shared/ARCHITECTURE.md,
/// Command line. The command line wins over the config file, which wins over the defaults.
struct EngineOptions: ParsableArguments {
    @Option(help: "Data directory (default: $REPRO_DATA_DIR, else ~/.local/share/repro, or /var/lib/repro for root).")
    var dataDir: String?
    @Option(help: "A repro.config-style file of 'Name = value' settings.")
    var config: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?
    @Option(name: .customLong("bind"), help: "Address to listen on (repeatable; default: all IPv4 and IPv6 addresses).")
    var bind: [String] = []
    @Option(help: "UDP port (0 turns UDP off).")
    var udpPort: Int?
    @Option(help: "TCP port (0 turns TCP off).")
    var tcpPort: Int?
    @Option(help: "TLS port (0 turns TLS off; TLS is not available yet).")
    var tlsPort: Int?
    @Option(name: .customLong("domain"), help: "A domain this proxy is responsible for (repeatable).")
    var domains: [String] = []
    @Flag(help: "Accept requests and registrations without digest authentication.")
    var disableAuth = false
    @Option(help: "The URI put in Record-Route headers (default: our address on each transport).")
    var recordRouteUri: String?
    @Option(help: "The control socket path (default: $XDG_RUNTIME_DIR/repro/control.sock or the data directory).")
    var controlSocket: String?
    @Option(help: "Event-loop threads that carry SIP traffic (default: one per core).")
    var threads: Int?

    /// The data directory these options name.
    var resolvedDataDirectory: String {
        get throws {
            if let dataDir { return dataDir }
            if let file = try configFile, let dir = file.string("DataDir", "DatabasePath") { return dir }
            return DataDirectory.default
        }
    }

    var configFile: ConfigFile? {
        get throws { try config.map { try ConfigFile(path: $0) } }
    }

    /// The log level, from the option, the config file, or `info`.
    func resolvedLogLevel() throws -> Logger.Level {
        let name = try logLevel ?? configFile?.string("LogLevel", "LoggingLevel") ?? "info"
        // repro's level names map onto swift-log's.
        switch name.lowercased() {
        case "stack", "trace": return .trace
        case "debug": return .debug
        case "info": return .info
        case "notice": return .notice
        case "warning", "warn": return .warning
        case "err", "error": return .error
        case "crit", "critical": return .critical
        default: throw ValidationError("unknown log level '\(name)'")
        }
    }

    /// The engine configuration these options describe.
    func engineConfiguration() throws -> EngineConfiguration {
        let file = try configFile
        if let file {
            for name in file.unknownNames {
                FileHandle.standardError.write(Data("repro: warning: unknown setting '\(name)' in \(file.path) ignored\n".utf8))
            }
        }
        var c = EngineConfiguration(dataDirectory: try resolvedDataDirectory)
        c.bindAddresses = bind.isEmpty ? (file?.list("IPAddress", "Bind") ?? []) : bind
        c.udpPort = try udpPort ?? file?.int("UDPPort") ?? 5060
        c.tcpPort = try tcpPort ?? file?.int("TCPPort") ?? 5060
        c.tlsPort = try tlsPort ?? file?.int("TLSPort") ?? 0
        for (name, port) in [("UDP", c.udpPort), ("TCP", c.tcpPort), ("TLS", c.tlsPort)] where port > 65535 {
            throw ValidationError("\(name) port \(port) is out of range")
        }
        c.domains = domains.isEmpty ? (file?.list("Domains") ?? []) : domains
        let authOff = try file?.bool("DisableAuth") ?? false
        c.authenticationEnabled = !(disableAuth || authOff)
        if let rr = recordRouteUri ?? file?.string("RecordRouteUri") {
            guard case .sip(let uri) = try? URI(rr) else {
                throw ValidationError("--record-route-uri '\(rr)' is not a sip or sips URI")
            }
            c.proxy.recordRouteURI = uri
        }
        if let timerC = try file?.int("TimerC") { c.proxy.timerC = .seconds(Int64(timerC)) }
        if let names = file?.list("DigestAlgorithms") {
            // Clients that read only the first challenge (SIPp, older phones) need MD5 offered alone.
            let algorithms = try names.map { name in
                guard let a = DigestAlgorithm(token: name) else {
                    throw ValidationError("DigestAlgorithms: unknown algorithm '\(name)' (MD5 or SHA-256)")
                }
                return a
            }
            guard !algorithms.isEmpty else { throw ValidationError("DigestAlgorithms names no algorithm") }
            c.auth.algorithms = algorithms
        }
        if let minimum = try file?.int("MinimumExpires") { c.registrar.minimumExpires = minimum }
        if let threads = try threads ?? file?.int("Threads") {
            guard (1...256).contains(threads) else { throw ValidationError("threads must be 1 to 256, not \(threads)") }
            c.stack.eventLoopCount = threads
        }
        return c
    }

    /// The control socket path given by the option or the config file (nil: the default).
    func explicitControlSocket() throws -> String? {
        if let controlSocket { return controlSocket }
        return try configFile?.string("ControlSocket")
    }
}
