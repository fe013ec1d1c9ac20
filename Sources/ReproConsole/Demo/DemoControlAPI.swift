import Foundation
import ReproEngine

/// A made-up engine behind the control API, for `repro console --demo` and for tests:
/// `registrationCount` bindings counting down, a stream of SIP messages and transaction
/// states, chain traces, and users and routes that commands really change (with store-like
/// errors for duplicates and unknown domains).
public actor DemoControlAPI: ControlAPI {
    private let started = Date()
    private var bindings: [(info: RegistrationInfo, expiresAt: Date)] = []
    private var userList: [UserInfo]
    private var routeList: [RouteInfo]
    private var nextRouteID: UInt32 = 3
    private var eventLog: [EngineEvent] = []
    private var nextSequence: UInt64 = 1
    private var traceList: [ChainTrace] = []
    private var generatedUntil = Date()
    private var requests: UInt64 = 0
    private let domainList = ["example.com", "demo.test"]
    /// Events kept; older ones are dropped and reported to readers that fall behind.
    private let eventCapacity = 10_000

    /// A demo engine with `registrationCount` bindings.
    public init(registrationCount: Int = 40) {
        userList = [
            UserInfo(user: "alice", domain: "example.com", realm: "example.com", displayName: "Alice Liddell",
                     email: "alice@example.com"),
            UserInfo(user: "bob", domain: "example.com", realm: "example.com", displayName: "Bob Builder",
                     email: "bob@example.com"),
            UserInfo(user: "carol", domain: "demo.test", realm: "demo.test", displayName: "Carol", enabled: false),
        ]
        routeList = [
            RouteInfo(id: 1, method: "", event: "", pattern: "^sip:9([0-9]+)@.*", rewrite: "sip:$1@pstn.example.com",
                      order: 1),
            RouteInfo(id: 2, method: "INVITE", event: "", pattern: "^sip:support@.*",
                      rewrite: "sip:helpdesk@10.0.0.9", order: 2),
        ]
        let now = Date()
        var list: [(RegistrationInfo, Date)] = []
        list.reserveCapacity(registrationCount)
        for i in 0..<registrationCount {
            let nat = i % 3 == 0
            let host = "192.0.2.\(i % 250 + 1)"
            let info = RegistrationInfo(
                aor: "sip:user\(i)@example.com", contact: "sip:user\(i)@\(nat ? "10.0.0.\(i % 250 + 1)" : host):5060",
                transport: ["UDP", "TCP", "TLS"][i % 3], source: "\(host):\(5060 + i % 7)", behindNAT: nat,
                expiresIn: nil, q: i % 4 == 0 ? "0.5" : "1.0", userAgent: ["Linphone/5.2", "Zoiper 5", "Yealink T46"][i % 3],
                instance: i % 2 == 0 ? "<urn:uuid:\(UUID().uuidString.lowercased().prefix(8))>" : nil,
                regID: i % 2 == 0 ? 1 : nil, callID: "reg-\(i)@\(host)", cseq: UInt32(i + 1), path: [])
            list.append((info, now.addingTimeInterval(Double(30 + (i * 37) % 3600))))
        }
        bindings = list
    }

    public func status() async throws -> EngineStatus {
        generate()
        var counters = EngineCounters()
        counters.requestsReceived = requests
        counters.responsesSent1xx = requests / 3
        counters.responsesSent2xx = requests / 2
        counters.responsesSent4xx = requests / 10
        counters.authFailures = requests / 20
        counters.authLockouts = requests / 200
        return EngineStatus(version: "demo", startedAt: Int64(started.timeIntervalSince1970 * 1000),
                            uptimeSeconds: Date().timeIntervalSince(started),
                            transports: ["UDP 0.0.0.0:5060", "TCP 0.0.0.0:5060", "TLS 0.0.0.0:5061"],
                            registrations: bindings.count, activeTransactions: Int(requests % 17),
                            requestsPerSecond: 4.0, counters: counters,
                            recentProblems: ["warning: demo mode, nothing is real"])
    }

    public func registrations() async throws -> [RegistrationInfo] {
        let now = Date()
        return bindings.map { binding in
            var info = binding.info
            info.expiresIn = max(0, Int(binding.expiresAt.timeIntervalSince(now)))
            return info
        }
    }

    public func removeBinding(aor: String, contact: String?) async throws {
        let before = bindings.count
        bindings.removeAll { $0.info.aor == aor && (contact == nil || $0.info.contact == contact) }
        if bindings.count == before { throw ControlError("no binding \(contact ?? "") for \(aor)") }
    }

    public func users() async throws -> [UserInfo] { userList }

    public func addUser(_ user: UserInfo, password: String) async throws {
        guard domainList.contains(user.domain) else { throw ControlError("unknown domain \(user.domain)") }
        guard !userList.contains(where: { $0.user == user.user && $0.domain == user.domain }) else {
            throw ControlError("user \(user.user)@\(user.domain) exists")
        }
        userList.append(user)
    }

    public func updateUser(_ user: UserInfo) async throws {
        guard let i = userIndex(user.user, user.domain) else { throw ControlError("no user \(user.user)@\(user.domain)") }
        userList[i] = user
    }

    public func setPassword(user: String, domain: String, password: String) async throws {
        guard userIndex(user, domain) != nil else { throw ControlError("no user \(user)@\(domain)") }
    }

    public func setUserEnabled(user: String, domain: String, enabled: Bool) async throws {
        guard let i = userIndex(user, domain) else { throw ControlError("no user \(user)@\(domain)") }
        userList[i].enabled = enabled
    }

    public func removeUser(user: String, domain: String) async throws {
        guard let i = userIndex(user, domain) else { throw ControlError("no user \(user)@\(domain)") }
        userList.remove(at: i)
    }

    public func domains() async throws -> [String] { domainList }

    public func routes() async throws -> [RouteInfo] { routeList }

    public func addRoute(_ route: RouteInfo) async throws -> RouteInfo {
        var added = route
        added.id = nextRouteID
        nextRouteID += 1
        added.order = (routeList.map(\.order).max() ?? 0) + 1
        routeList.append(added)
        return added
    }

    public func updateRoute(_ route: RouteInfo) async throws {
        guard let i = routeList.firstIndex(where: { $0.id == route.id }) else { throw ControlError("no route \(route.id)") }
        routeList[i] = route
    }

    public func removeRoute(id: UInt32) async throws {
        guard let i = routeList.firstIndex(where: { $0.id == id }) else { throw ControlError("no route \(id)") }
        routeList.remove(at: i)
    }

    public func moveRoute(id: UInt32, by offset: Int) async throws {
        guard let i = routeList.firstIndex(where: { $0.id == id }) else { throw ControlError("no route \(id)") }
        let j = i + offset
        guard routeList.indices.contains(j) else { return }
        routeList.swapAt(i, j)
        for k in routeList.indices { routeList[k].order = Int32(k + 1) }
    }

    public func testRoute(uri: String, method: String) async throws -> RouteTestResult {
        for route in routeList where route.method.isEmpty || route.method == method {
            guard let regex = try? NSRegularExpression(pattern: route.pattern) else { continue }
            let range = NSRange(uri.startIndex..., in: uri)
            guard let match = regex.firstMatch(in: uri, range: range) else { continue }
            let target = regex.replacementString(for: match, in: uri, offset: 0, template: route.rewrite)
            return RouteTestResult(route: route, target: target)
        }
        return RouteTestResult(route: nil, target: nil)
    }

    public func traces(limit: Int) async throws -> [ChainTrace] {
        generate()
        return Array(traceList.suffix(limit))
    }

    public func events(after cursor: UInt64, limit: Int) async throws -> EventBatch {
        generate()
        let oldest = eventLog.first?.sequence ?? nextSequence
        let dropped = cursor + 1 < oldest && cursor > 0 ? oldest - cursor - 1 : 0
        let page = eventLog.lazy.filter { $0.sequence > cursor }.prefix(max(limit, 0))
        let events = Array(page)
        return EventBatch(events: events, nextCursor: events.last?.sequence ?? max(cursor, nextSequence - 1),
                          dropped: dropped)
    }

    private func userIndex(_ user: String, _ domain: String) -> Int? {
        userList.firstIndex { $0.user == user && $0.domain == domain }
    }

    /// Makes up the traffic of the time since the last call: a call attempt every half second.
    private func generate() {
        let now = Date()
        var calls = Int(now.timeIntervalSince(generatedUntil) * 2)
        if calls <= 0 { return }
        if calls > 50 { calls = 50 }
        generatedUntil = now
        for _ in 0..<calls { makeCall(at: now) }
        if eventLog.count > eventCapacity { eventLog.removeFirst(eventLog.count - eventCapacity) }
        if traceList.count > 500 { traceList.removeFirst(traceList.count - 500) }
    }

    private func makeCall(at date: Date) {
        requests += 1
        let n = Int(requests)
        let time = Int64(date.timeIntervalSince1970 * 1000)
        let caller = "alice", callee = n % 5 == 0 ? "nobody" : "bob"
        let callID = "demo-\(n)@192.0.2.10"
        let peer = "192.0.2.10:5060", phone = "192.0.2.20:5062"
        let invite = "INVITE sip:\(callee)@example.com SIP/2.0\r\nVia: SIP/2.0/UDP \(peer);branch=z9hG4bK\(n)\r\n"
            + "From: <sip:\(caller)@example.com>;tag=\(n)\r\nTo: <sip:\(callee)@example.com>\r\nCall-ID: \(callID)\r\n"
            + "CSeq: 1 INVITE\r\nContact: <sip:\(caller)@\(peer)>\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: 31\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.10\r\n"
        let found = callee == "bob"
        let final = found ? "200 OK" : "404 Not Found"
        func event(_ kind: EngineEvent.Kind, _ direction: String?, _ peer: String, _ what: String, state: String? = nil,
                   raw: String? = nil) {
            eventLog.append(EngineEvent(sequence: nextSequence, time: time, kind: kind,
                                        summary: "\(direction ?? "tx") \(what)", direction: direction,
                                        transport: "UDP", peer: peer, what: what, callID: callID, cseq: "1 INVITE",
                                        state: state, raw: raw, traceID: kind == .trace ? UInt64(n) : nil))
            nextSequence += 1
        }
        event(.message, "in", peer, "INVITE", raw: invite)
        event(.transaction, nil, peer, "INVITE", state: "Proceeding")
        if found {
            event(.message, "out", phone, "INVITE", raw: invite)
            event(.message, "in", phone, "180 Ringing", raw: "SIP/2.0 180 Ringing\r\nCall-ID: \(callID)\r\n\r\n")
        }
        event(.message, "out", peer, final, raw: "SIP/2.0 \(final)\r\nCall-ID: \(callID)\r\nCSeq: 1 INVITE\r\n\r\n")
        event(.transaction, nil, peer, "INVITE", state: found ? "Terminated" : "Completed")
        event(.trace, nil, peer, "INVITE")
        if n % 40 == 0 {
            eventLog.append(EngineEvent(sequence: nextSequence, time: time, kind: .log,
                                        summary: "warning: auth failure for sip:mallory@example.com from 203.0.113.9"))
            nextSequence += 1
        }
        if let trace = Self.makeTrace(id: UInt64(n), time: time, callee: callee, callID: callID, found: found) {
            traceList.append(trace)
        }
    }

    /// ChainTrace has no public memberwise initializer; it is Codable, so the demo builds one from JSON.
    static func makeTrace(id: UInt64, time: Int64, callee: String, callID: String, found: Bool) -> ChainTrace? {
        func step(_ chain: String, _ name: String, _ result: String, _ us: Int, targets: [String] = [],
                  response: String? = nil, note: String? = nil) -> [String: Any] {
            var s: [String: Any] = ["chain": chain, "processor": name, "result": result, "elapsedMicroseconds": us,
                                    "targetsAdded": targets]
            if let response { s["response"] = response }
            if let note { s["note"] = note }
            return s
        }
        var steps: [[String: Any]] = [
            step("request", "StrictRouteFixup", "continue", 3),
            step("request", "IsTrustedNode", "continue", 5, note: "192.0.2.10 not trusted"),
            step("request", "DigestAuthenticator", "continue", 41, note: "alice authenticated (MD5)"),
            step("request", "AmIResponsible", "continue", 4, note: "example.com is ours"),
            step("request", "StaticRoute", "continue", 12, note: "no route matches"),
        ]
        var branches: [[String: Any]] = []
        if found {
            steps.append(step("request", "LocationServer", "continue", 18, targets: ["sip:bob@192.0.2.20:5062"]))
            steps.append(step("target", "QValueTargetHandler", "continue", 7, note: "1 target, q=1.0: serial"))
            branches.append([
                "target": "sip:bob@192.0.2.20:5062", "transport": "UDP", "destination": "192.0.2.20:5062",
                "branchID": "z9hG4bK-demo-\(id)-1", "outcome": "answered 200",
                "responses": [["code": 180, "reason": "Ringing", "millisecondsAfterStart": 40],
                              ["code": 200, "reason": "OK", "millisecondsAfterStart": 2100]],
            ])
        } else {
            steps.append(step("request", "LocationServer", "skipAllChains", 9, response: "404 Not Found",
                              note: "no binding for sip:\(callee)@example.com"))
        }
        let object: [String: Any] = [
            "id": id, "arrivedAt": time, "method": "INVITE", "requestURI": "sip:\(callee)@example.com",
            "callID": callID, "from": "sip:alice@example.com", "source": "192.0.2.10:5060", "steps": steps,
            "branches": branches, "finalCode": found ? 200 : 404, "finalReason": found ? "OK" : "Not Found",
            "finalWhy": found ? "best response: the only 2xx (RFC 3261 §16.7 step 6)" : "LocationServer: no binding",
            "completed": true,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
        return try? JSONDecoder().decode(ChainTrace.self, from: data)
    }
}
