import Foundation
import NIOCore
import ReproTestSupport
import SIPCore
import XCTest
@testable import SIPStack

/// SIPp as a real peer of the stack: SIPp's UAC against a SipStack UAS, and a SipStack
/// UAC against SIPp's UAS, over UDP and TCP on loopback.
final class SIPpStackTests: XCTestCase {
    func startUAS(kind: TransportKind) async throws -> (SipStack, Int) {
        let stack = SipStack()
        let port = FreePort.make()
        try await stack.addTransport(kind, host: "127.0.0.1", port: port)
        try await stack.addTransactionUser(AnsweringUAS(stack: stack, contactHost: "127.0.0.1", contactPort: port)).get()
        return (stack, port)
    }

    func testSIPpCallsAStackUASOverUDP() async throws {
        let (stack, port) = try await startUAS(kind: .udp)
        let result = try SIPp.run(["-sn", "uac", "127.0.0.1:\(port)", "-i", "127.0.0.1", "-p", "\(FreePort.make())",
                                   "-m", "50", "-r", "50", "-timeout", "20"], timeout: 30)
        await stack.shutdown()
        XCTAssertTrue(result.allSucceeded, result.output)
        XCTAssertEqual(result.successfulCalls, 50)
    }

    func testSIPpCallsAStackUASOverTCP() async throws {
        let (stack, port) = try await startUAS(kind: .tcp)
        let result = try SIPp.run(["-sn", "uac", "127.0.0.1:\(port)", "-i", "127.0.0.1", "-p", "\(FreePort.make())",
                                   "-t", "t1", "-m", "50", "-r", "50", "-timeout", "20"], timeout: 30)
        await stack.shutdown()
        XCTAssertTrue(result.allSucceeded, result.output)
        XCTAssertEqual(result.successfulCalls, 50)
    }

    func testStackUACCallsASIPpUAS() async throws {
        let sippPort = FreePort.make()
        let dir = try TemporaryDirectory.make(prefix: "sipp-uas")
        defer { try? FileManager.default.removeItem(at: dir) }
        // SIPp's UAS answers one call (INVITE → 180, 200; ACK; BYE → 200) then exits.
        let sipp = Task.detached {
            try SIPp.run(["-sn", "uas", "-i", "127.0.0.1", "-p", "\(sippPort)", "-m", "1", "-timeout", "20"],
                         timeout: 30, workingDirectory: dir)
        }
        try await Task.sleep(nanoseconds: 500_000_000)  // let SIPp bind its socket
        let stack = SipStack()
        try await stack.addTransport(.udp, host: "127.0.0.1", port: 0)
        let uac = TestUAC(stack: stack)
        let codes = try await uac.call(URI.sip(SipURI(user: "service", host: "127.0.0.1", port: sippPort)),
                                       destination: SipDestination(transport: .udp,
                                                                   remote: try SocketAddress(ipAddress: "127.0.0.1", port: sippPort)))
        let result = try await sipp.value
        await stack.shutdown()
        XCTAssertEqual(codes.invite.filter { $0 >= 180 }, [180, 200])
        XCTAssertEqual(codes.bye, [200])
        XCTAssertTrue(result.allSucceeded, result.output)
    }
}

/// A minimal UAC: INVITE, ACK for the 2xx, then BYE (RFC 3261 §13, §15).
final class TestUAC: @unchecked Sendable {
    let stack: SipStack
    init(stack: SipStack) { self.stack = stack }

    final class Codes: @unchecked Sendable {
        private let lock = NSLock()
        private var inviteCodes: [Int] = []
        private var byeCodes: [Int] = []
        var invite: [Int] { lock.withLock { inviteCodes } }
        var bye: [Int] { lock.withLock { byeCodes } }
        func addInvite(_ c: Int) { lock.withLock { inviteCodes.append(c) } }
        func addBye(_ c: Int) { lock.withLock { byeCodes.append(c) } }
    }

    func call(_ target: URI, destination: SipDestination) async throws -> Codes {
        let codes = Codes()
        let invite = Helper.makeRequest(method: .invite, target: target,
                                        from: NameAddr(uri: .sip(SipURI(user: "uac", host: "127.0.0.1"))),
                                        to: NameAddr(uri: target),
                                        contact: NameAddr(uri: .sip(SipURI(user: "uac", host: "127.0.0.1",
                                                                           port: stack.transport.boundAddresses(.udp).first?.port))),
                                        via: stack.newVia(.udp))
        let final = try await send(invite, to: destination) { codes.addInvite($0.statusCode) }
        guard let ok = final, ok.statusCode == 200 else { return codes }
        // The ACK for a 2xx is its own transaction-less request (§13.2.2.4) with a new branch.
        let ack = Helper.makeAck(for: invite, response: ok)
        ack.popFront(.vias)
        if let via = stack.newVia(.udp) { ack.pushFront(.vias, via) }
        ack.requestURI = ok.front(.contacts)?.uri ?? target
        stack.sendStateless(ack, to: destination)
        let bye = Helper.makeRequest(method: .bye, target: ok.front(.contacts)?.uri ?? target,
                                     from: invite[.from]!, to: ok[.to]!,  // present: we built the INVITE, SIPp answered it
                                     via: stack.newVia(.udp), callID: invite[.callID], cseq: 2)
        _ = try await send(bye, to: destination) { codes.addBye($0.statusCode) }
        return codes
    }

    /// Sends through a client transaction and returns the final response.
    private func send(_ request: SipMessage, to destination: SipDestination,
                      onResponse: @escaping @Sendable (SipMessage) -> Void) async throws -> SipMessage? {
        let loop = stack.group.next()
        let done = loop.makePromise(of: SipMessage?.self)
        _ = stack.sendRequest(request, to: destination) { event in
            switch event {
            case .response(let r):
                onResponse(r)
                if r.statusCode >= 200 { done.succeed(r) }
            case .timeout, .transportError:
                done.succeed(nil)
            }
        }
        let timer = loop.scheduleTask(in: .seconds(10)) { done.succeed(nil) }
        defer { timer.cancel() }
        return try await done.futureResult.get()
    }
}
