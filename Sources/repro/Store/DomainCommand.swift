import ArgumentParser
import ReproStore

/// `repro domain …`: the domains this proxy is responsible for.
struct DomainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain",
        abstract: "Add, list and remove the domains this proxy serves.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a domain.")

        @Argument(help: "A host name or IP address.") var name: String
        @Option(help: "The digest realm (default: the domain name).") var realm: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let domain = DomainRecord(name: name, realm: realm)
            try store.withStore { try $0.addDomain(domain) }
            print("added domain \(domain.name) (realm \(domain.realm))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List domains.")

        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let domains = try store.withStore { try $0.domains() }
            if output.json { return try output.printJSON(domains) }
            var table = TextTable("DOMAIN", "REALM")
            for d in domains { table.append(d.name, d.realm) }
            print(table.render(empty: "no domains"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a domain that has no users.")

        @Argument(help: "The domain.") var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.removeDomain(name) }
            print("removed domain \(name.lowercased())")
        }
    }
}
