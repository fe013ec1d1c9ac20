/// Everything in the store as one JSON document: what `repro db export`
/// writes and `repro db import` reads.
///
/// Users carry their HA1 digests (`ha1`, `ha1Sha256`). A hand-written import
/// file may give a plain `password` instead; it is hashed on import and
/// never stored. Optional fields take the same defaults as the CLI.
public struct StoreDocument: Codable, Sendable, Equatable {
    /// The format marker, always `repro-store`.
    public var format: String
    /// The document version; this build writes and reads 1.
    public var version: Int
    /// The domains this proxy serves.
    public var domains: [DomainEntry]
    /// The user accounts.
    public var users: [UserEntry]
    /// The static routes.
    public var routes: [StaticRoute]
    /// The trusted nodes.
    public var acls: [AclEntry]

    /// The current document version.
    public static let currentVersion = 1

    /// Creates a document.
    public init(domains: [DomainEntry] = [], users: [UserEntry] = [], routes: [StaticRoute] = [],
                acls: [AclEntry] = []) {
        format = "repro-store"
        version = Self.currentVersion
        self.domains = domains
        self.users = users
        self.routes = routes
        self.acls = acls
    }

    private enum CodingKeys: String, CodingKey { case format, version, domains, users, routes, acls }

    /// Decodes a document; missing sections are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? "repro-store"
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentVersion
        domains = try c.decodeIfPresent([DomainEntry].self, forKey: .domains) ?? []
        users = try c.decodeIfPresent([UserEntry].self, forKey: .users) ?? []
        routes = try c.decodeIfPresent([StaticRoute].self, forKey: .routes) ?? []
        acls = try c.decodeIfPresent([AclEntry].self, forKey: .acls) ?? []
    }

    /// A domain in a document; `realm` defaults to the name.
    public struct DomainEntry: Codable, Sendable, Equatable {
        public var name: String
        public var realm: String?

        /// Creates an entry.
        public init(name: String, realm: String? = nil) {
            self.name = name
            self.realm = realm
        }
    }

    /// A user in a document: digests, or a plain password to hash on import.
    public struct UserEntry: Codable, Sendable, Equatable {
        public var user: String
        public var domain: String
        /// Defaults to the domain's realm.
        public var realm: String?
        public var ha1: String?
        public var ha1Sha256: String?
        /// Only in hand-written import files; never exported or stored.
        public var password: String?
        public var displayName: String?
        public var email: String?
        public var forwardAddress: String?
        public var enabled: Bool?

        /// Creates an entry.
        public init(user: String, domain: String, realm: String? = nil, ha1: String? = nil,
                    ha1Sha256: String? = nil, password: String? = nil, displayName: String? = nil,
                    email: String? = nil, forwardAddress: String? = nil, enabled: Bool? = nil) {
            self.user = user
            self.domain = domain
            self.realm = realm
            self.ha1 = ha1
            self.ha1Sha256 = ha1Sha256
            self.password = password
            self.displayName = displayName
            self.email = email
            self.forwardAddress = forwardAddress
            self.enabled = enabled
        }

        /// The exported form of a stored user.
        public init(_ record: UserRecord) {
            self.init(user: record.user, domain: record.domain, realm: record.realm, ha1: record.ha1,
                      ha1Sha256: record.ha1Sha256.isEmpty ? nil : record.ha1Sha256,
                      displayName: record.displayName, email: record.email,
                      forwardAddress: record.forwardAddress, enabled: record.enabled)
        }
    }
}
