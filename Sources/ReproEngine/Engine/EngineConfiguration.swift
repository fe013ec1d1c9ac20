import NIOCore
import SIPCore
import SIPStack

/// Everything the engine is started with: addresses, ports, domains and the
/// proxy and registrar settings (from the command line and the config file).
public struct EngineConfiguration: Sendable {
    /// Where the store lives (created on first run).
    public var dataDirectory: String
    /// Addresses to listen on; empty means all IPv4 and IPv6 addresses.
    public var bindAddresses: [String] = []
    /// 0 turns a transport off.
    public var udpPort = 5060
    public var tcpPort = 5060
    public var tlsPort = 0
    /// Domains we are responsible for, besides those in the store. With none anywhere,
    /// the machine's host name and our own addresses (as repro does).
    public var domains: [String] = []
    public var proxy = ProxyConfiguration()
    public var registrar = RegistrarConfiguration()
    public var auth = DigestAuthenticatorConfiguration()
    public var stack = SipStackConfiguration()
    /// How many engine events (messages, transactions, registrations, traces) are kept for readers.
    public var eventCapacity = 20_000

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// Whether authentication is on (`--disable-auth` turns it off).
    public var authenticationEnabled: Bool {
        get { proxy.authenticationEnabled }
        set { proxy.authenticationEnabled = newValue }
    }
}
