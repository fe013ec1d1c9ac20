/// The parts of a `Via`, in one shared object so that copying a Via (reading the
/// Vias hands out copies) is one retain. `Via` copies it before changing it when it
/// is shared (copy on write). A header line with one Via caches this object itself.
@usableFromInline
final class ViaParts: HeaderFieldCache, @unchecked Sendable {
    @usableFromInline var protocolName: String
    @usableFromInline var protocolVersion: String
    @usableFromInline var transport: String
    @usableFromInline var storedHost: String
    /// The sent-by host as received, read in place until it is set; then nil.
    @usableFromInline var receivedHost: ReceivedText?

    @inlinable var host: String {
        get {
            if let receivedHost { return receivedHost.string }
            return storedHost
        }
        set {
            receivedHost = nil
            storedHost = newValue
        }
    }
    @usableFromInline var port: Int?
    @usableFromInline var parameters: Parameters

    @usableFromInline
    init(protocolName: String, protocolVersion: String, transport: String, host: String, port: Int?,
         parameters: Parameters, receivedHost: ReceivedText? = nil) {
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.transport = transport
        self.storedHost = host
        self.receivedHost = receivedHost
        self.port = port
        self.parameters = parameters
    }

    /// An unshared copy, for a Via about to change.
    @usableFromInline func copy() -> ViaParts {
        ViaParts(protocolName: protocolName, protocolVersion: protocolVersion, transport: transport, host: storedHost,
                 port: port, parameters: parameters, receivedHost: receivedHost)
    }
}
