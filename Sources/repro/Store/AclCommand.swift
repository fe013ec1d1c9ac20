import ArgumentParser
import ReproStore

/// `repro acl …`: trusted nodes, whose requests skip digest authentication.
struct AclCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl",
        abstract: "Add, list and remove trusted nodes.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trust an address/mask (optionally one port and transport), or a TLS peer name.",
            discussion: """
                Examples:
                  repro acl add 192.168.0.0/16 --port 5060 --transport udp
                  repro acl add --tls-peer gw.example.com
                """)

        @Argument(help: "An address with an optional mask: 10.0.0.0/8, 2001:db8::/32, 192.0.2.1.")
        var address: String?
        @Option(help: "Only this source port (default: any).") var port: UInt16 = 0
        @Option(help: "Only this transport: udp, tcp, tls, dtls, ws, wss (default: any).") var transport: String?
        @Option(help: "Trust a TLS peer that presents this name instead of an address.") var tlsPeer: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if (address == nil) == (tlsPeer == nil) { throw ValidationError("give either an address or --tls-peer") }
            if tlsPeer != nil && (port != 0 || transport != nil) {
                throw ValidationError("--port and --transport apply to addresses, not to --tls-peer")
            }
        }

        func run() throws {
            let entry: AclEntry
            if let tlsPeer {
                entry = AclEntry(tlsPeerName: tlsPeer)
            } else {
                let text = address ?? ""
                guard let network = IPNetwork(parsing: text) else {
                    throw StoreError.invalidValue(field: "address", reason:
                        "\(text.debugDescription) is not an IPv4/IPv6 address with an optional /mask")
                }
                var kind: AclEntry.Transport?
                if let transport {
                    guard let t = AclEntry.Transport(rawValue: transport.uppercased()) else {
                        throw StoreError.invalidValue(field: "transport", reason: "unknown transport \(transport)")
                    }
                    kind = t
                }
                entry = AclEntry(network: network, port: port, transport: kind)
            }
            let stored = try store.withStore { try $0.addAcl(entry) }
            print("added ACL entry \(stored.id): \(stored.summary)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List trusted nodes.")

        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let entries = try store.withStore { try $0.acls() }
            if output.json { return try output.printJSON(entries) }
            var table = TextTable("ID", "ADDRESS", "PORT", "TRANSPORT", "TLS PEER")
            for e in entries {
                table.append(String(e.id), e.network?.description ?? "", e.port == 0 ? "*" : String(e.port),
                             e.transport?.rawValue ?? "*", e.tlsPeerName)
            }
            print(table.render(empty: "no ACL entries"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a trusted node.")

        @Argument(help: "The entry id (see `repro acl list`).") var id: UInt32
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.removeAcl(id: id) }
            print("removed ACL entry \(id)")
        }
    }
}
