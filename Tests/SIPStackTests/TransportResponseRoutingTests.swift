import NIOCore
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

/// RFC 3261 §18.2.2 and RFC 3581 §4: where responses go.
final class TransportResponseRoutingTests: XCTestCase {
    private func response(via: String) throws -> SipMessage {
        try SipMessage.parse("SIP/2.0 200 OK\r\nVia: \(via)\r\nFrom: <sip:a@example.com>;tag=1\r\n"
            + "To: <sip:b@example.com>;tag=2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    }

    private func address(_ ip: String, _ port: Int) throws -> SocketAddress { try SocketAddress(ipAddress: ip, port: port) }

    private func route(_ via: String, source: SipSource? = nil) throws -> SipDestination? {
        ResponseRouter.destination(for: try response(via: via), requestSource: source)
    }

    func testReliableTransportUsesTheRequestConnection() throws {
        let source = SipSource(transport: .tcp, local: try address("127.0.0.1", 5060), remote: try address("192.0.2.1", 40000),
                               connection: ConnectionID(7))
        let d = try XCTUnwrap(try route("SIP/2.0/TCP 192.0.2.1:5062;branch=z9hG4bK1;received=192.0.2.1", source: source))
        XCTAssertEqual(d.connection, ConnectionID(7))
        XCTAssertEqual(d.transport, .tcp)
        XCTAssertEqual(d.remote, try address("192.0.2.1", 5062), "fallback if the connection closed: received + sent-by port")
    }

    func testAResponseToTheRequestsOwnSourceGoesThere() throws {
        let source = SipSource(transport: .udp, local: try address("127.0.0.1", 5060), remote: try address("192.0.2.1", 40000),
                               connection: nil)
        let d = try XCTUnwrap(try route("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=40000;received=192.0.2.1", source: source))
        XCTAssertEqual(d.remote, try address("192.0.2.1", 40000))
        XCTAssertNil(d.connection)
    }

    func testAResponseElsewhereThanTheSourceGoesWhereTheViaSays() throws {
        let source = SipSource(transport: .udp, local: try address("127.0.0.1", 5060), remote: try address("192.0.2.1", 40000),
                               connection: nil)
        let otherPort = try XCTUnwrap(try route("SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK1;received=192.0.2.1", source: source))
        XCTAssertEqual(otherPort.remote, try address("192.0.2.1", 5062), "received with the sent-by port, not the source's")
        let otherHost = try XCTUnwrap(try route("SIP/2.0/UDP 192.0.2.7:40000;branch=z9hG4bK1", source: source))
        XCTAssertEqual(otherHost.remote, try address("192.0.2.7", 40000))
    }

    func testMaddrWinsWithSentByPort() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;maddr=239.255.255.1;received=192.0.2.9"))
        XCTAssertEqual(d.remote, try address("239.255.255.1", 5070))
    }

    func testMaddrWithoutPortUses5060() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP host.example.com;branch=z9hG4bK1;maddr=192.0.2.50"))
        XCTAssertEqual(d.remote, try address("192.0.2.50", 5060))
    }

    func testReceivedWithRport() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=40001;received=203.0.113.5"))
        XCTAssertEqual(d.remote, try address("203.0.113.5", 40001))
        XCTAssertNil(d.connection)
    }

    func testReceivedWithoutRportUsesSentByPort() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=203.0.113.5"))
        XCTAssertEqual(d.remote, try address("203.0.113.5", 5070))
    }

    func testReceivedWithoutAnyPortUses5060() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP phone.example.com;branch=z9hG4bK1;received=203.0.113.5"))
        XCTAssertEqual(d.remote, try address("203.0.113.5", 5060))
    }

    func testNumericSentBy() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/UDP [2001:db8::1]:5080;branch=z9hG4bK1"))
        XCTAssertEqual(d.remote, try address("2001:db8::1", 5080))
    }

    func testTLSDefaultsTo5061() throws {
        let d = try XCTUnwrap(try route("SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK1"))
        XCTAssertEqual(d.remote, try address("192.0.2.1", 5061))
        XCTAssertEqual(d.transport, .tls)
    }

    func testHostNameNeedsResolution() throws {
        XCTAssertNil(try route("SIP/2.0/UDP phone.example.com:5070;branch=z9hG4bK1"))
    }

    func testUnknownTransportHasNoDestination() throws {
        XCTAssertNil(try route("SIP/2.0/SCTP 192.0.2.1;branch=z9hG4bK1"))
    }

    func testResolvingAHostName() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let transport = TransportLayer(group: group)
        let d = try await transport.resolvedResponseDestination(for: try response(via: "SIP/2.0/UDP localhost:5070;branch=z9hG4bK1"),
                                                               requestSource: SipSource?.none)
        XCTAssertEqual(d?.remote.port, 5070)
        XCTAssertTrue(d?.remote.ipAddress == "127.0.0.1" || d?.remote.ipAddress == "::1")
        try await group.shutdownGracefully()
    }

    func testNumericAddressesSkipDNS() throws {
        XCTAssertEqual(HostResolver.numericAddress("[::1]", port: 5060), try address("::1", 5060))
        XCTAssertEqual(HostResolver.numericAddress("10.1.2.3", port: 1), try address("10.1.2.3", 1))
        XCTAssertNil(HostResolver.numericAddress("example.com", port: 5060))
    }
}
