import Foundation
import ReproStore
import Testing

/// The store commands end to end, through the built binary.
@Suite("repro store commands")
struct StoreCLITests {
    private func withCLI(_ body: (StoreCLI) throws -> Void) throws {
        let cli = try StoreCLI()
        defer { cli.remove() }
        try body(cli)
    }

    private func users(_ cli: StoreCLI) throws -> [[String: Any]] {
        let data = Data(try cli.succeed(["user", "list", "--json"]).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func aUserAddedWithAPipedPasswordIsStoredAsDigests() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            try cli.succeed(["user", "add", "alice@example.com", "--password-stdin", "--display-name", "Alice"],
                            input: "s3cret\n")
            let listed = try users(cli)
            #expect(listed.count == 1)
            #expect(listed.first?["user"] as? String == "alice")
            #expect(listed.first?["displayName"] as? String == "Alice")
            let export = try cli.succeed(["db", "export"])
            let expected = UserRecord(user: "alice", domain: "example.com", realm: "example.com", password: "s3cret")
            #expect(export.contains(expected.ha1))
            #expect(export.contains(expected.ha1Sha256))
            #expect(!export.contains("s3cret"))
        }
    }

    @Test func aPasswordIsNeverTakenAsAnArgument() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            let result = try cli.run(["user", "add", "alice@example.com", "s3cret"])
            #expect(result.status != 0)
            let noTerminal = try cli.run(["user", "add", "alice@example.com"])
            #expect(noTerminal.status == 1)
            #expect(noTerminal.stderr.contains("--password-stdin"))
            #expect(try users(cli).isEmpty)
        }
    }

    @Test func aDuplicateUserOrUnknownDomainFailsAndChangesNothing() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            try cli.succeed(["user", "add", "alice@example.com", "--password-stdin"], input: "one\n")
            let before = try cli.succeed(["db", "export"])
            let duplicate = try cli.run(["user", "add", "alice@example.com", "--password-stdin"], input: "two\n")
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr.contains("user alice@example.com already exists"))
            let unknown = try cli.run(["user", "add", "bob@elsewhere.org", "--password-stdin"], input: "x\n")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("unknown domain: elsewhere.org"))
            #expect(try cli.succeed(["db", "export"]) == before)
        }
    }

    @Test func passwdEnableDisableAndRemoveChangeTheUser() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            try cli.succeed(["user", "add", "alice@example.com", "--password-stdin"], input: "one\n")
            try cli.succeed(["user", "passwd", "alice@example.com", "--password-stdin"], input: "two\n")
            let changed = UserRecord(user: "alice", domain: "example.com", realm: "example.com", password: "two")
            #expect(try cli.succeed(["db", "export"]).contains(changed.ha1))
            try cli.succeed(["user", "disable", "alice@example.com"])
            #expect(try users(cli).first?["enabled"] as? Bool == false)
            try cli.succeed(["user", "enable", "alice@example.com"])
            #expect(try users(cli).first?["enabled"] as? Bool == true)
            #expect(try cli.succeed(["user", "show", "alice@example.com"]).contains("alice@example.com"))
            try cli.succeed(["user", "remove", "alice@example.com"])
            #expect(try users(cli).isEmpty)
            #expect(try cli.run(["user", "remove", "alice@example.com"]).status == 1)
        }
    }

    @Test func routeTestShowsTheMatchAndTheRewrite() throws {
        try withCLI { cli in
            try cli.succeed(["route", "add", "^sip:9([0-9]+)@", "sip:$1@gw.example.com", "--method", "INVITE"])
            let text = try cli.succeed(["route", "test", "sip:90123@example.com"])
            #expect(text.contains("target: sip:0123@gw.example.com"))
            let json = try cli.succeed(["route", "test", "sip:90123@example.com", "--json"])
            #expect(json.contains("\"target\" : \"sip:0123@gw.example.com\""))
            let miss = try cli.run(["route", "test", "sip:90123@example.com", "--method", "MESSAGE"])
            #expect(miss.status == 1)
            #expect(miss.stdout.contains("no route matches"))
        }
    }

    @Test func anInvalidRegexOrMalformedUriFailsAndChangesNothing() throws {
        try withCLI { cli in
            let bad = try cli.run(["route", "add", "^sip:(9", "sip:gw.example.com"])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("invalid regular expression"))
            let badTarget = try cli.run(["route", "add", "^sip:", "gw example"])
            #expect(badTarget.status == 1)
            let badURI = try cli.run(["route", "test", "sip:a b@example.com"])
            #expect(badURI.status == 1)
            #expect(badURI.stderr.contains("malformed URI"))
            let routes = try JSONSerialization.jsonObject(with: Data(try cli.succeed(["route", "list", "--json"]).utf8))
            #expect((routes as? [Any])?.isEmpty == true)
        }
    }

    @Test func aclEntriesCanBeAddedListedAndRemoved() throws {
        try withCLI { cli in
            #expect(try cli.succeed(["acl", "add", "10.0.0.0/8", "--port", "5060", "--transport", "udp"])
                .contains("10.0.0.0/8 port 5060 UDP"))
            try cli.succeed(["acl", "add", "--tls-peer", "gw.example.com"])
            #expect(try cli.run(["acl", "add", "300.1.1.1"]).status == 1)
            let listed = try cli.succeed(["acl", "list"])
            #expect(listed.contains("10.0.0.0/8") && listed.contains("gw.example.com"))
            try cli.succeed(["acl", "remove", "1"])
            #expect(!(try cli.succeed(["acl", "list"]).contains("10.0.0.0/8")))
        }
    }

    @Test func domainsCanBeAddedListedAndRemoved() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "Example.com", "--realm", "Office"])
            #expect(try cli.succeed(["domain", "list"]).contains("example.com  Office"))
            #expect(try cli.run(["domain", "add", "example.com"]).status == 1)
            try cli.succeed(["domain", "remove", "example.com"])
            #expect(try cli.succeed(["domain", "list"]).contains("no domains"))
        }
    }

    @Test func anExportImportsIntoAnotherDataDirectory() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            try cli.succeed(["user", "add", "alice@example.com", "--password-stdin"], input: "pw\n")
            try cli.succeed(["route", "add", "^sip:", "sip:gw.example.com"])
            try cli.succeed(["acl", "add", "192.0.2.0/24"])
            let file = cli.path("export.json")
            try cli.succeed(["db", "export", file])
            let other = cli.path("other")
            let imported = try cli.run(["db", "import", file], dataDir: other)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(try cli.run(["db", "export"], dataDir: other).stdout == cli.succeed(["db", "export"]))
        }
    }

    @Test func importHashesPlainPasswordsAndRefusesBadFilesWhole() throws {
        try withCLI { cli in
            let good = cli.path("good.json")
            try Data("""
                {"domains":[{"name":"example.com"}],
                 "users":[{"user":"bob","domain":"example.com","password":"pw"}]}
                """.utf8).write(to: URL(fileURLWithPath: good))
            try cli.succeed(["db", "import", good])
            let bob = UserRecord(user: "bob", domain: "example.com", realm: "example.com", password: "pw")
            let export = try cli.succeed(["db", "export"])
            #expect(export.contains(bob.ha1) && !export.contains("\"password\""))
            let bad = cli.path("bad.json")
            try Data("""
                {"users":[{"user":"carol","domain":"example.com","password":"pw"},
                          {"user":"dave","domain":"nowhere.org","password":"pw"}]}
                """.utf8).write(to: URL(fileURLWithPath: bad))
            let result = try cli.run(["db", "import", bad])
            #expect(result.status == 1)
            #expect(result.stderr.contains("nowhere.org"))
            #expect(try cli.succeed(["db", "export"]) == export)
        }
    }

    @Test func verifyPassesOnSoundFilesAndACorruptFileIsNamedAndKept() throws {
        try withCLI { cli in
            try cli.succeed(["domain", "add", "example.com"])
            #expect(try cli.succeed(["db", "verify"]).contains("users.db: ok"))
            let usersFile = cli.dataDir + "/users.db"
            let garbage = Data(repeating: 0xA5, count: 16384)
            try garbage.write(to: URL(fileURLWithPath: usersFile))
            let listing = try cli.run(["user", "list"])
            #expect(listing.status == 1)
            #expect(listing.stderr.contains("users.db"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: usersFile)) == garbage)
        }
    }
}
