import NIOCore
import SIPCore
import XCTest
@testable import SIPStack

/// A SipStack UAC talking to a SipStack UAS over loopback, through both transaction layers.
final class SipStackLoopbackTests: XCTestCase {
    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var codes: [Int] = []
        func add(_ c: Int) { lock.lock(); codes.append(c); lock.unlock() }
        var snapshot: [Int] { lock.lock(); defer { lock.unlock() }; return codes }
    }

    func roundTrip(_ method: SipMethod, kind: TransportKind, host: String) async throws -> [Int] {
        var config = SipStackConfiguration()
        config.eventLoopCount = 2
        let server = SipStack(configuration: config)
        let client = SipStack(configuration: config)
        let serverAddress = try await server.addTransport(kind, host: host, port: 0)
        _ = try await client.addTransport(kind, host: host, port: 0)
        let uas = AnsweringUAS(stack: server, contactHost: host, contactPort: serverAddress.port ?? 0)
        try await server.addTransactionUser(uas).get()

        let target = URI.sip(SipURI(user: "bob", host: host, port: serverAddress.port))
        let request = Helper.makeRequest(
            method: method, target: target, from: NameAddr(uri: .sip(SipURI(user: "alice", host: host))),
            to: NameAddr(uri: target), via: client.newVia(kind))
        let collected = Collected()
        let done = client.group.next().makePromise(of: Void.self)
        _ = client.sendRequest(request, to: SipDestination(transport: kind, remote: serverAddress)) { event in
            switch event {
            case .response(let r):
                collected.add(r.statusCode)
                if r.statusCode >= 200 { done.succeed() }
            case .timeout, .transportError:
                done.succeed()
            }
        }
        let timeout = client.group.next().scheduleTask(in: .seconds(5)) { done.succeed() }
        try await done.futureResult.get()
        timeout.cancel()
        await client.shutdown()
        await server.shutdown()
        return collected.snapshot
    }

    func testOptionsOverUDPv4() async throws {
        let codes = try await roundTrip(.options, kind: .udp, host: "127.0.0.1")
        XCTAssertEqual(codes, [200])
    }

    func testInviteOverUDPv6() async throws {
        let codes = try await roundTrip(.invite, kind: .udp, host: "::1")
        XCTAssertEqual(codes.filter { $0 != 100 }, [180, 200])
    }

    func testInviteOverTCP() async throws {
        let codes = try await roundTrip(.invite, kind: .tcp, host: "127.0.0.1")
        XCTAssertEqual(codes.filter { $0 != 100 }, [180, 200])
    }

    func testRegisterOverTCPv6() async throws {
        let codes = try await roundTrip(.register, kind: .tcp, host: "::1")
        XCTAssertEqual(codes, [200])
    }
}
