import Foundation
import Testing
@testable import ReproEngine

/// An in-memory control API that records every call and answers with fixed values.
actor RecordingControlAPI: ControlAPI {
    private(set) var calls: [String] = []
    var failNext: ControlError?

    func fail(_ error: ControlError) { failNext = error }

    private func record(_ call: String) throws {
        calls.append(call)
        if let error = failNext {
            failNext = nil
            throw error
        }
    }

    static let status = EngineStatus(version: "t", startedAt: 1, uptimeSeconds: 2, transports: ["UDP 127.0.0.1:5060"],
                                     registrations: 1, activeTransactions: 3, requestsPerSecond: 4.5,
                                     counters: EngineCounters(), recentProblems: ["warning: x"])
    static let binding = RegistrationInfo(aor: "sip:a@x", contact: "sip:a@1.2.3.4", transport: "UDP",
                                          source: "5.6.7.8:5060", behindNAT: true, expiresIn: 60, q: "1.0",
                                          userAgent: "ua", instance: "<urn:x>", regID: 1, callID: "c", cseq: 2,
                                          path: ["<sip:p>"])
    static let user = UserInfo(user: "alice", domain: "x", realm: "x", displayName: "Alice", email: "a@x")
    static let route = RouteInfo(id: 9, method: "INVITE", event: "", pattern: "^sip:.*", rewrite: "sip:gw", order: 1)
    static let event = EngineEvent(sequence: 5, time: 6, kind: .message, summary: "in INVITE", direction: "in",
                                   raw: "INVITE sip:x SIP/2.0\r\n\r\n")

    func status() async throws -> EngineStatus { try record("status"); return Self.status }
    func registrations() async throws -> [RegistrationInfo] { try record("registrations"); return [Self.binding] }
    func removeBinding(aor: String, contact: String?) async throws { try record("removeBinding \(aor) \(contact ?? "-")") }
    func users() async throws -> [UserInfo] { try record("users"); return [Self.user] }
    func addUser(_ user: UserInfo, password: String) async throws { try record("addUser \(user.user) \(password)") }
    func updateUser(_ user: UserInfo) async throws { try record("updateUser \(user.displayName)") }
    func setPassword(user: String, domain: String, password: String) async throws {
        try record("setPassword \(user)@\(domain) \(password)")
    }
    func setUserEnabled(user: String, domain: String, enabled: Bool) async throws {
        try record("setUserEnabled \(user)@\(domain) \(enabled)")
    }
    func removeUser(user: String, domain: String) async throws { try record("removeUser \(user)@\(domain)") }
    func domains() async throws -> [String] { try record("domains"); return ["x", "y"] }
    func routes() async throws -> [RouteInfo] { try record("routes"); return [Self.route] }
    func addRoute(_ route: RouteInfo) async throws -> RouteInfo {
        try record("addRoute \(route.pattern)")
        var added = route
        added.id = 42
        return added
    }
    func updateRoute(_ route: RouteInfo) async throws { try record("updateRoute \(route.id)") }
    func removeRoute(id: UInt32) async throws { try record("removeRoute \(id)") }
    func moveRoute(id: UInt32, by offset: Int) async throws { try record("moveRoute \(id) \(offset)") }
    func testRoute(uri: String, method: String) async throws -> RouteTestResult {
        try record("testRoute \(uri) \(method)")
        return RouteTestResult(route: Self.route, target: "sip:gw")
    }
    func traces(limit: Int) async throws -> [ChainTrace] {
        try record("traces \(limit)")
        let json = #"{"id":3,"arrivedAt":1,"method":"INVITE","requestURI":"sip:b@x","callID":"c","from":"sip:a@x","#
            + #""source":"1.2.3.4:5060","steps":[{"chain":"request","processor":"P","result":"continue","#
            + #""elapsedMicroseconds":4,"targetsAdded":["sip:b@y"]}],"branches":[],"finalCode":200,"#
            + #""finalReason":"OK","completed":true}"#
        return [try JSONDecoder().decode(ChainTrace.self, from: Data(json.utf8))]
    }
    func events(after cursor: UInt64, limit: Int) async throws -> EventBatch {
        try record("events \(cursor) \(limit)")
        return EventBatch(events: [Self.event], nextCursor: 5, dropped: 2)
    }
}

@Suite struct ControlSocketTests {
    /// A server on a fresh socket path, a client attached to it, and the fake behind them.
    static func withPair(_ body: (RecordingControlAPI, ControlSocketClient, String) async throws -> Void) async throws {
        let dir = "/tmp/rcs-\(UUID().uuidString.prefix(8))"
        let path = dir + "/control.sock"
        let api = RecordingControlAPI()
        let server = try await ControlSocketServer.start(api: api, path: path)
        let client = try await ControlSocketClient.connect(path: path)
        do {
            try await body(api, client, path)
        } catch {
            await client.close()
            try? await server.close()
            throw error
        }
        await client.close()
        try await server.close()
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test func everyMethodRoundTrips() async throws {
        try await Self.withPair { api, client, _ in
            #expect(try await client.status() == RecordingControlAPI.status)
            #expect(try await client.registrations() == [RecordingControlAPI.binding])
            try await client.removeBinding(aor: "sip:a@x", contact: nil)
            try await client.removeBinding(aor: "sip:a@x", contact: "sip:a@1.2.3.4")
            #expect(try await client.users() == [RecordingControlAPI.user])
            try await client.addUser(RecordingControlAPI.user, password: "secret")
            try await client.updateUser(RecordingControlAPI.user)
            try await client.setPassword(user: "alice", domain: "x", password: "pw")
            try await client.setUserEnabled(user: "alice", domain: "x", enabled: false)
            try await client.removeUser(user: "alice", domain: "x")
            #expect(try await client.domains() == ["x", "y"])
            #expect(try await client.routes() == [RecordingControlAPI.route])
            #expect(try await client.addRoute(RecordingControlAPI.route).id == 42)
            try await client.updateRoute(RecordingControlAPI.route)
            try await client.removeRoute(id: 9)
            try await client.moveRoute(id: 9, by: -1)
            #expect(try await client.testRoute(uri: "sip:b@x", method: "INVITE")
                == RouteTestResult(route: RecordingControlAPI.route, target: "sip:gw"))
            let traces = try await client.traces(limit: 10)
            #expect(traces.first?.steps.first?.targetsAdded == ["sip:b@y"])
            #expect(traces.first?.finalCode == 200)
            let batch = try await client.events(after: 4, limit: 100)
            #expect(batch.nextCursor == 5)
            #expect(batch.dropped == 2)
            #expect(batch.events.first?.raw == RecordingControlAPI.event.raw)
            #expect(await api.calls == [
                "status", "registrations", "removeBinding sip:a@x -", "removeBinding sip:a@x sip:a@1.2.3.4", "users",
                "addUser alice secret", "updateUser Alice", "setPassword alice@x pw", "setUserEnabled alice@x false",
                "removeUser alice@x", "domains", "routes", "addRoute ^sip:.*", "updateRoute 9", "removeRoute 9",
                "moveRoute 9 -1", "testRoute sip:b@x INVITE", "traces 10", "events 4 100",
            ])
        }
    }

    @Test func engineErrorsArriveAsControlErrors() async throws {
        try await Self.withPair { api, client, _ in
            await api.fail(ControlError("user alice@x exists"))
            let thrown = await #expect(throws: ControlError.self) {
                try await client.addUser(RecordingControlAPI.user, password: "pw")
            }
            #expect(thrown?.message == "user alice@x exists")
            let domains = try await client.domains()
            #expect(domains == ["x", "y"])
        }
    }

    @Test func concurrentCallsGetTheirOwnAnswers() async throws {
        try await Self.withPair { _, client, _ in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        i % 2 == 0 ? try await client.domains() == ["x", "y"]
                            : try await client.routes() == [RecordingControlAPI.route]
                    }
                }
                for try await ok in group { #expect(ok) }
            }
        }
    }

    @Test func socketFileIsOwnerOnly() async throws {
        try await Self.withPair { _, _, path in
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let dirAttributes = try FileManager.default.attributesOfItem(
                atPath: (path as NSString).deletingLastPathComponent)
            #expect((dirAttributes[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test func secondServerOnALivePathIsRefused() async throws {
        try await Self.withPair { api, _, path in
            await #expect(throws: ControlError.self) { _ = try await ControlSocketServer.start(api: api, path: path) }
        }
    }

    @Test func closedServerFailsCallsWithAControlError() async throws {
        let path = "/tmp/rcs-\(UUID().uuidString.prefix(8))/c.sock"
        let server = try await ControlSocketServer.start(api: RecordingControlAPI(), path: path)
        let client = try await ControlSocketClient.connect(path: path)
        try await server.close()
        #expect(!FileManager.default.fileExists(atPath: path))
        await client.close()
        await #expect(throws: ControlError.self) { _ = try await client.status() }
        await #expect(throws: ControlError.self) { _ = try await ControlSocketClient.connect(path: path) }
    }
}
