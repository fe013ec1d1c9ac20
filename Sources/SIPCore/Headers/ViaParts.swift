/// The parts of a `Via`, in one shared object so that copying a Via (reading the
/// Vias hands out copies) is one retain. `Via` copies it before changing it when it
/// is shared (copy on write). A header line with one Via caches this object itself.
@usableFromInline
final class ViaParts: HeaderFieldCache, @unchecked Sendable {
    @usableFromInline var protocolName: String
    @usableFromInline var protocolVersion: String
    @usableFromInline var transport: String
    @usableFromInline var host: String
    @usableFromInline var port: Int?
    @usableFromInline var parameters: Parameters

    @usableFromInline
    init(protocolName: String, protocolVersion: String, transport: String, host: String, port: Int?,
         parameters: Parameters) {
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    /// An unshared copy, for a Via about to change.
    @usableFromInline func copy() -> ViaParts {
        ViaParts(protocolName: protocolName, protocolVersion: protocolVersion, transport: transport, host: host,
                 port: port, parameters: parameters)
    }
}
