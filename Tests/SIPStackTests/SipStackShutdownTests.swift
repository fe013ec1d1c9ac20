import NIOCore
import SIPCore
import XCTest
@testable import SIPStack

/// Shutting a stack down lets the transactions in flight finish, within a grace period.
final class SipStackShutdownTests: XCTestCase {
    /// A TU that never answers, so its server transactions stay live.
    final class SilentTU: TransactionUser, @unchecked Sendable {
        func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {}
    }

    func testShutdownWaitsForLiveTransactionsUpToTheGracePeriod() async throws {
        var config = SipStackConfiguration()
        config.eventLoopCount = 1
        let server = SipStack(configuration: config)
        let client = SipStack(configuration: config)
        let address = try await server.addTransport(.udp, host: "127.0.0.1", port: 0)
        try await client.addTransport(.udp, host: "127.0.0.1", port: 0)
        try await server.addTransactionUser(SilentTU()).get()
        let target = URI.sip(SipURI(host: "127.0.0.1", port: address.port))
        let request = Helper.makeRequest(method: .options, target: target,
                                         from: NameAddr(uri: .sip(SipURI(user: "a", host: "127.0.0.1"))),
                                         to: NameAddr(uri: target), via: client.newVia(.udp))
        _ = try await client.sendRequest(request, to: SipDestination(transport: .udp, remote: address)) { _ in }.get()
        // Wait until the server holds the unanswered transaction.
        for _ in 0..<100 where (try await server.transactions.liveTransactionCount().get()) == 0 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let live = try await server.transactions.liveTransactionCount().get()
        XCTAssertEqual(live, 1)
        let started = ContinuousClock.now
        await server.shutdown(grace: .milliseconds(300))
        let waited = ContinuousClock.now - started
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(250), "it waited for the live transaction")
        XCTAssertLessThan(waited, .seconds(2), "but no longer than the grace period")
        await client.shutdown(grace: .zero)
    }
}
