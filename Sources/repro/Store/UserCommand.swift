import ArgumentParser
import ReproStore

/// `repro user …`: the user accounts of the domains this proxy serves.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list, change and remove users.",
        subcommands: [Add.self, List.self, Show.self, Passwd.self, Remove.self, Enable.self, Disable.self]
    )

    /// What `list` and `show` print: everything but the digests, which are
    /// password-equivalent within their realm (`repro db export` has them).
    struct Summary: Encodable {
        let user, domain, realm, displayName, email, forwardAddress: String
        let enabled: Bool
        let digests: [String]

        init(_ record: UserRecord) {
            user = record.user
            domain = record.domain
            realm = record.realm
            displayName = record.displayName
            email = record.email
            forwardAddress = record.forwardAddress
            enabled = record.enabled
            digests = DigestNames.of(record)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is prompted for (or read with --password-stdin).")

        @Argument(help: "The address of record, user@domain; the domain must have been added.")
        var address: AddressOfRecord
        @Option(help: "The digest realm (default: the domain's realm).") var realm: String?
        @Option(help: "The display name.") var displayName = ""
        @Option(help: "A contact e-mail address.") var email = ""
        @Option(help: "A SIP URI to forward this user's requests to.") var forward = ""
        @Flag(help: "Create the account disabled.") var disabled = false
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { db in
                // Check the domain before asking for a password the store would refuse anyway.
                guard let domain = try db.domain(address.domain) else { throw StoreError.unknownDomain(address.domain) }
                if try db.user(address.user, domain: address.domain) != nil {
                    throw StoreError.duplicateUser(address.description)
                }
                let password = try PasswordInput.read(fromStandardInput: passwordStdin)
                try db.addUser(UserRecord(user: address.user, domain: address.domain, realm: realm ?? domain.realm,
                                          password: password, displayName: displayName, email: email,
                                          forwardAddress: forward, enabled: !disabled))
                print("added \(address)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @Option(help: "Only the users of this domain.") var domain: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let users = try store.withStore { try $0.users(domain: domain) }
            if output.json { return try output.printJSON(users.map(Summary.init)) }
            var table = TextTable("USER", "REALM", "NAME", "EMAIL", "FORWARD", "ENABLED", "DIGESTS")
            for u in users {
                table.append(u.aor, u.realm, u.displayName, u.email, u.forwardAddress, u.enabled ? "yes" : "no",
                             DigestNames.of(u).joined(separator: ","))
            }
            print(table.render(empty: "no users"))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one user.")

        @Argument(help: "user@domain") var address: AddressOfRecord
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let u = try store.withStore({ try $0.user(address.user, domain: address.domain) }) else {
                throw StoreError.unknownUser(address.description)
            }
            if output.json { return try output.printJSON(Summary(u)) }
            let lines = [("user", u.aor), ("realm", u.realm), ("display name", u.displayName), ("email", u.email),
                         ("forward", u.forwardAddress), ("enabled", u.enabled ? "yes" : "no"),
                         ("digests", DigestNames.of(u).joined(separator: ", "))]
            for (label, value) in lines { print("\(label.padding(toLength: 13, withPad: " ", startingAt: 0))\(value)") }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")

        @Argument(help: "user@domain") var address: AddressOfRecord
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { db in
                guard try db.user(address.user, domain: address.domain) != nil else {
                    throw StoreError.unknownUser(address.description)
                }
                let password = try PasswordInput.read(fromStandardInput: passwordStdin)
                try db.setPassword(password, user: address.user, domain: address.domain)
                print("password of \(address) changed")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user.")

        @Argument(help: "user@domain") var address: AddressOfRecord
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.removeUser(address.user, domain: address.domain) }
            print("removed \(address)")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Allow a user to register and authenticate.")

        @Argument(help: "user@domain") var address: AddressOfRecord
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.setEnabled(true, user: address.user, domain: address.domain) }
            print("enabled \(address)")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a user from registering and authenticating.")

        @Argument(help: "user@domain") var address: AddressOfRecord
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { try $0.setEnabled(false, user: address.user, domain: address.domain) }
            print("disabled \(address)")
        }
    }
}

/// The digest algorithms a user record can answer, by their RFC 7616 names.
enum DigestNames {
    static func of(_ user: UserRecord) -> [String] {
        (user.ha1.isEmpty ? [] : ["MD5"]) + (user.ha1Sha256.isEmpty ? [] : ["SHA-256"])
    }
}
