import SIPStack

/// A `SipSource` in compact form (see `CompactEndpoint`).
struct CompactSource: Sendable, Hashable {
    var remote: CompactEndpoint
    var local: CompactEndpoint
    /// `ConnectionID.rawValue`, meaningful when `hasConnection`.
    var connection: UInt64
    var hasConnection: Bool
    var transport: TransportKind

    init?(_ source: SipSource) {
        guard let remote = CompactEndpoint(source.remote), let local = CompactEndpoint(source.local) else { return nil }
        self.remote = remote
        self.local = local
        self.connection = source.connection?.rawValue ?? 0
        self.hasConnection = source.connection != nil
        self.transport = source.transport
    }

    var sipSource: SipSource {
        SipSource(transport: transport, local: local.socketAddress, remote: remote.socketAddress,
                  connection: hasConnection ? ConnectionID(connection) : nil)
    }
}
