import XCTest
@testable import SIPStack

final class TransportKindTests: XCTestCase {
    func testOnlyUDPIsUnreliable() {
        XCTAssertFalse(TransportKind.udp.isReliable)
        XCTAssertTrue(TransportKind.tcp.isReliable)
        XCTAssertTrue(TransportKind.tls.isReliable)
    }

    func testTokensAreCaseInsensitive() {
        XCTAssertEqual(TransportKind(token: "tcp"), .tcp)
        XCTAssertEqual(TransportKind(token: "Udp"), .udp)
        XCTAssertNil(TransportKind(token: "sctp"))
    }

    func testTLSDefaultsTo5061() {
        XCTAssertEqual(TransportKind.tls.defaultPort, 5061)
        XCTAssertEqual(TransportKind.udp.defaultPort, 5060)
    }
}
