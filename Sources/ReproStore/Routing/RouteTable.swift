import Foundation

/// Static routes compiled for matching, in evaluation order.
///
/// A table is an immutable snapshot: build one from `RouteStore.routes()` and
/// build a new one when the store reports a route change, so matching never
/// takes a lock or touches the store.
public struct RouteTable: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to
    // use from several threads at once; nothing else here is mutable.
    private struct Compiled {
        let route: StaticRoute
        let regex: NSRegularExpression
    }

    private let compiled: [Compiled]

    /// The routes in evaluation order.
    public var routes: [StaticRoute] { compiled.map(\.route) }

    /// Compiles `routes`; throws `invalidPattern` for a pattern that does not compile.
    public init(routes: [StaticRoute]) throws {
        let ordered = routes.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        compiled = try ordered.map { Compiled(route: $0, regex: try RouteTable.compile($0.pattern)) }
    }

    /// The first route that applies to a request and the target its rewrite gives.
    ///
    /// A route applies when its method is empty or equals `method`, its event is
    /// empty or equals `event` (case-insensitively), and its pattern is found in
    /// `requestURI` (a search, as repro does, so anchor with `^…$` for a full match).
    public func match(requestURI: String, method: String, event: String? = nil) -> RouteMatch? {
        matches(requestURI: requestURI, method: method, event: event, limit: 1).first
    }

    /// Every route that applies, in evaluation order, each with its rewritten target
    /// (repro's StaticRoute makes each of them a target).
    public func matches(requestURI: String, method: String, event: String? = nil, limit: Int = .max) -> [RouteMatch] {
        let upperMethod = method.uppercased()
        let range = NSRange(requestURI.startIndex..., in: requestURI)
        var found: [RouteMatch] = []
        for entry in compiled where found.count < limit {
            let route = entry.route
            if !route.method.isEmpty && route.method != upperMethod { continue }
            if !route.event.isEmpty && route.event.lowercased() != (event ?? "").lowercased() { continue }
            guard let result = entry.regex.firstMatch(in: requestURI, range: range) else { continue }
            let target = entry.regex.replacementString(for: result, in: requestURI, offset: 0,
                                                       template: route.rewrite)
            found.append(RouteMatch(route: route, target: target))
        }
        return found
    }

    /// Compiles a route pattern, turning the Foundation error into `invalidPattern`.
    static func compile(_ pattern: String) throws -> NSRegularExpression {
        guard !pattern.isEmpty else { throw StoreError.invalidPattern(pattern, reason: "empty pattern") }
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw StoreError.invalidPattern(pattern, reason: "does not compile as a regular expression")
        }
    }

    /// Checks a route before it is stored: the pattern compiles, the rewrite
    /// refers only to capture groups the pattern has, method and event are tokens,
    /// and a rewrite that starts with a scheme is a well-formed URI.
    static func validate(_ route: StaticRoute) throws {
        let regex = try compile(route.pattern)
        guard !route.rewrite.isEmpty else {
            throw StoreError.invalidValue(field: "rewrite", reason: "empty rewrite expression")
        }
        for reference in captureReferences(in: route.rewrite) where reference > regex.numberOfCaptureGroups {
            throw StoreError.invalidValue(field: "rewrite", reason:
                "$\(reference) but the pattern has \(regex.numberOfCaptureGroups) capture group(s)")
        }
        for (field, value) in [("method", route.method), ("event", route.event)]
        where !value.isEmpty && !SIPURISyntax.isToken(value) {
            throw StoreError.invalidValue(field: field, reason: "\(value.debugDescription) is not a SIP token")
        }
        if !route.rewrite.hasPrefix("$") {
            // Captures may hold anything; a stand-in checks the fixed parts of the template.
            let filled = fillCaptureReferences(in: route.rewrite, with: "x")
            try SIPURISyntax.validate(filled, original: route.rewrite)
        }
    }

    /// The capture group numbers `$n` that a template uses (`\$` is a literal dollar).
    static func captureReferences(in template: String) -> [Int] {
        scanTemplate(template).references
    }

    /// The template with every `$n` replaced by `filler`.
    static func fillCaptureReferences(in template: String, with filler: String) -> String {
        scanTemplate(template, filler: filler).filled
    }

    /// One pass over a replacement template in NSRegularExpression's syntax:
    /// `$n` is a capture reference, a backslash escapes the next character.
    private static func scanTemplate(_ template: String, filler: String = "") -> (references: [Int], filled: String) {
        var references: [Int] = []
        var filled = ""
        var chars = Array(template)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.popFirst() {
                filled.append(next)
            } else if c == "$", let first = chars.first, first.isASCII, first.isNumber {
                let digits = chars.prefix { $0.isASCII && $0.isNumber }
                chars = chars.dropFirst(digits.count)
                references.append(Int(String(digits)) ?? Int.max)
                filled += filler
            } else {
                filled.append(c)
            }
        }
        return (references, filled)
    }
}

/// The route that matched a request and the target URI its rewrite produced.
public struct RouteMatch: Sendable, Hashable {
    /// The route that matched.
    public var route: StaticRoute
    /// The rewrite expression with the captures substituted.
    public var target: String
}
