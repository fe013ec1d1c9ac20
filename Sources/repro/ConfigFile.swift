import Foundation

/// A repro.config-style file: `Name = value` lines, `#` comments, repro's setting
/// names where the setting exists, so operators can bring their repro config.
struct ConfigFile {
    /// Settings by lower-cased name, with the line each came from.
    private(set) var values: [String: (value: String, line: Int)] = [:]
    let path: String

    /// The settings this version understands (lower-cased).
    static let known: Set<String> = [
        "udpport", "tcpport", "tlsport", "ipaddress", "bind", "domains", "recordrouteuri", "disableauth",
        "logginglevel", "loglevel", "timerc", "databasepath", "datadir", "controlsocket",
        "digestalgorithms", "minimumexpires", "threads",
    ]

    /// Reads `path`; a line that is not `Name = value` is an error naming the line.
    init(path: String) throws {
        self.path = path
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError("cannot read config file \(path): \(error.localizedDescription)")
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ConfigError("\(path):\(index + 1): expected 'Name = value', got '\(trimmed)'")
            }
            let name = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ConfigError("\(path):\(index + 1): missing setting name") }
            values[name.lowercased()] = (value, index + 1)
        }
    }

    /// Names in the file this version does not understand (reported as warnings).
    var unknownNames: [String] { values.keys.filter { !Self.known.contains($0) }.sorted() }

    func string(_ names: String...) -> String? {
        for n in names { if let v = values[n.lowercased()] { return v.value } }
        return nil
    }

    func int(_ name: String) throws -> Int? {
        guard let v = values[name.lowercased()] else { return nil }
        guard let n = Int(v.value), n >= 0 else {
            throw ConfigError("\(path):\(v.line): \(name) must be a non-negative number, got '\(v.value)'")
        }
        return n
    }

    func bool(_ name: String) throws -> Bool? {
        guard let v = values[name.lowercased()] else { return nil }
        switch v.value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw ConfigError("\(path):\(v.line): \(name) must be true or false, got '\(v.value)'")
        }
    }

    func list(_ names: String...) -> [String]? {
        for n in names {
            if let v = values[n.lowercased()] {
                return v.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }
        return nil
    }
}

/// A problem with the configuration, named for people.
struct ConfigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
