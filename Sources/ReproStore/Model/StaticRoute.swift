/// A static route: requests whose Request-URI matches `pattern` are sent to the
/// URI that `rewrite` produces, with `$1`… replaced by the pattern's captures.
///
/// This is repro's "route" table: method and event narrow which requests the
/// route applies to; routes are tried by ascending `order`, then by id.
public struct StaticRoute: Sendable, Hashable, Codable {
    /// The store-assigned identifier; 0 before the route is added.
    public var id: UInt32
    /// The SIP method the route applies to (`INVITE`); empty for every method.
    public var method: String
    /// The event package (the `Event` header of SUBSCRIBE/NOTIFY); empty for any.
    public var event: String
    /// A regular expression (ICU syntax) searched for in the Request-URI.
    public var pattern: String
    /// The target URI, with `$1`… standing for the pattern's capture groups.
    public var rewrite: String
    /// The position among routes; lower is tried first.
    public var order: Int32

    /// Creates a route; `id` is assigned by the store on `addRoute`.
    public init(id: UInt32 = 0, method: String = "", event: String = "", pattern: String,
                rewrite: String, order: Int32 = 0) {
        self.id = id
        self.method = method.uppercased()
        self.event = event
        self.pattern = pattern
        self.rewrite = rewrite
        self.order = order
    }

    private enum CodingKeys: String, CodingKey { case id, method, event, pattern, rewrite, order }

    /// Decodes a route (an import file); only `pattern` and `rewrite` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decodeIfPresent(UInt32.self, forKey: .id) ?? 0,
                  method: try c.decodeIfPresent(String.self, forKey: .method) ?? "",
                  event: try c.decodeIfPresent(String.self, forKey: .event) ?? "",
                  pattern: try c.decode(String.self, forKey: .pattern),
                  rewrite: try c.decode(String.self, forKey: .rewrite),
                  order: try c.decodeIfPresent(Int32.self, forKey: .order) ?? 0)
    }
}
