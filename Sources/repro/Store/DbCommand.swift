import ArgumentParser
import Foundation
import ReproStore

/// `repro db …`: the store as a whole — export, import, check.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Export, import and verify the store.",
        subcommands: [Export.self, Import.self, Verify.self, WriteProbe.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything as JSON (with HA1 digests, so keep the file private).")

        @Argument(help: "The file to write (default: standard output).") var file: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let document = try store.withStore { try $0.exportDocument() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(document)
            guard let file else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
                return
            }
            // The digests are password-equivalent in their realm: owner-only, written whole or not at all.
            let temporary = file + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: data,
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw StoreCommandError("cannot write \(file)")
            }
            guard rename(temporary, file) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw StoreCommandError("cannot write \(file): \(reason)")
            }
            print("exported \(document.domains.count) domain(s), \(document.users.count) user(s), "
                + "\(document.routes.count) route(s), \(document.acls.count) ACL entr(ies) to \(file)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a JSON export back; all of it is checked before anything is written.",
            discussion: """
                Users may carry `ha1`/`ha1Sha256` or a plain `password`, which is hashed on import and \
                never stored. Without --replace, a record that already exists is an error.
                """)

        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @Flag(help: "Overwrite existing records that have the same key.") var replace = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let data: Data
            do {
                data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw StoreCommandError("cannot read \(file): \(error.localizedDescription)")
            }
            let document: StoreDocument
            do {
                document = try JSONDecoder().decode(StoreDocument.self, from: data)
            } catch {
                throw StoreCommandError("\(file) is not a repro store document: \(DbCommand.describe(error))")
            }
            let started = ContinuousClock.now
            let summary = try store.withStore { try $0.importDocument(document, replace: replace) }
            let elapsed = ContinuousClock.now - started
            print("imported \(summary.domains) domain(s), \(summary.users) user(s), \(summary.routes) route(s), "
                + "\(summary.acls) ACL entr(ies) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every database file (Berkeley DB's DB->verify); exits 1 on a problem.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let results = try store.withStore { try $0.verify() }
            for result in results {
                print("\(result.file): \(result.problem ?? "ok")")
            }
            if results.contains(where: { $0.problem != nil }) { throw ExitCode(1) }
        }
    }

    /// A developer tool for the durability test: adds users one by one and
    /// prints each name only after its transaction committed, so a test can
    /// kill the process at any moment and know what must survive.
    struct WriteProbe: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-probe", abstract: "Add probe users, printing each once committed.",
            shouldDisplay: false)

        @Option(help: "How many users to add.") var count = 1_000_000
        @Option(help: "The domain (created when missing).") var domain = "probe.invalid"
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.withStore { db in
                if try db.domain(domain) == nil { try db.addDomain(DomainRecord(name: domain)) }
                let ha1 = String(repeating: "0", count: 32)
                for i in 0..<count {
                    let name = "probe\(i)"
                    try db.addUser(UserRecord(user: name, domain: domain, realm: domain, ha1: ha1, ha1Sha256: ""))
                    // Unbuffered: a name on stdout means a committed write.
                    FileHandle.standardOutput.write(Data("\(name)\n".utf8))
                }
            }
        }
    }

    /// A short reason for a JSON decoding failure, with the path to the bad value.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? context.debugDescription : "\(p): \(context.debugDescription)"
        }
        switch error {
        case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c): return path(c)
        case .keyNotFound(let key, let c): return "\(path(c)) (missing \(key.stringValue))"
        @unknown default: return "\(error)"
        }
    }
}
