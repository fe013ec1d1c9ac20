import ArgumentParser
import ReproStore

/// `repro route …`: static routes, Request-URI pattern to target.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Add, list, remove and test static routes.",
        subcommands: [Add.self, List.self, Remove.self, Test.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a route.",
            discussion: """
                The pattern is a regular expression searched for in the Request-URI; the rewrite \
                is the target URI, where $1… stand for the pattern's capture groups. Example:
                  repro route add '^sip:9([0-9]+)@' 'sip:$1@pstn-gw.example.com' --method INVITE
                """)

        @Argument(help: "The regular expression to match.") var pattern: String
        @Argument(help: "The target URI, with $1… for captures.") var rewrite: String
        @Option(help: "Only requests with this method (default: any).") var method = ""
        @Option(help: "Only requests for this event package (default: any).") var event = ""
        @Option(help: "Routes are tried by ascending order, then id.") var order: Int32 = 0
        @OptionGroup var store: StoreOptions

        func run() throws {
            let route = try store.withStore {
                try $0.addRoute(StaticRoute(method: method, event: event, pattern: pattern, rewrite: rewrite,
                                            order: order))
            }
            print("added route \(route.id)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List routes in the order they are tried.")

        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let routes = try store.withStore { try $0.routes() }
            if output.json { return try output.printJSON(routes) }
            print(RouteCommand.table(routes).render(empty: "no routes"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a route.")

        @Argument(help: "The route id (see `repro route list`).") var id: UInt32
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.removeRoute(id: id) }
            print("removed route \(id)")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which route a request would take and the target it gives.",
            discussion: "Exits with status 1 when no route matches, like grep.")

        @Argument(help: "A Request-URI, e.g. sip:90123@example.com") var uri: String
        @Option(help: "The request method.") var method = "INVITE"
        @Option(help: "The event package (SUBSCRIBE/NOTIFY).") var event: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        struct Result: Encodable {
            let uri: String
            let method: String
            let route: StaticRoute?
            let target: String?
        }

        func run() throws {
            try SIPURISyntax.validate(uri)
            let table = try store.withStore { try $0.routeTable() }
            let match = table.match(requestURI: uri, method: method, event: event)
            if output.json {
                try output.printJSON(Result(uri: uri, method: method.uppercased(), route: match?.route,
                                            target: match?.target))
            } else if let match {
                print(RouteCommand.table([match.route]).render(empty: ""))
                print("target: \(match.target)")
            } else {
                print("no route matches \(uri) for \(method.uppercased())")
            }
            if match == nil { throw ExitCode(1) }
        }
    }

    static func table(_ routes: [StaticRoute]) -> TextTable {
        var table = TextTable("ID", "ORDER", "METHOD", "EVENT", "PATTERN", "REWRITE")
        for r in routes {
            table.append(String(r.id), String(r.order), r.method.isEmpty ? "*" : r.method,
                         r.event.isEmpty ? "*" : r.event, r.pattern, r.rewrite)
        }
        return table
    }
}
