import ReproStore
import SIPStack
import XCTest
@testable import ReproEngine

/// repro's IsTrustedNode: ACL entries by network, port and transport.
final class TrustedNodesTests: XCTestCase {
    func entry(_ network: String, port: UInt16 = 0, transport: AclEntry.Transport? = nil) throws -> AclEntry {
        AclEntry(network: try XCTUnwrap(IPNetwork(parsing: network)), port: port, transport: transport)
    }

    func testAddressInsideTheNetworkIsTrusted() throws {
        let nodes = TrustedNodes([try entry("192.0.2.0/24")])
        XCTAssertTrue(nodes.isTrusted(Fixtures.source("192.0.2.77")))
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("198.51.100.1")))
    }

    func testPortAndTransportMustMatchWhenSet() throws {
        let nodes = TrustedNodes([try entry("192.0.2.10/32", port: 5070, transport: .tcp)])
        XCTAssertTrue(nodes.isTrusted(Fixtures.source("192.0.2.10", port: 5070, .tcp)))
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("192.0.2.10", port: 5070, .udp)))
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("192.0.2.10", port: 5071, .tcp)))
    }

    func testIPv6Networks() throws {
        let nodes = TrustedNodes([try entry("2001:db8::/32")])
        XCTAssertTrue(nodes.isTrusted(Fixtures.source("2001:db8::5")))
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("2001:db9::5")))
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("192.0.2.10")))
    }

    func testReplacingTheACLTakesEffect() throws {
        let nodes = TrustedNodes()
        XCTAssertFalse(nodes.isTrusted(Fixtures.source()))
        nodes.replace(with: [try entry("192.0.2.10")])
        XCTAssertTrue(nodes.isTrusted(Fixtures.source()))
    }

    func testTLSPeerNameEntriesDoNotMatchAddresses() {
        let nodes = TrustedNodes([AclEntry(tlsPeerName: "peer.example.com")])
        XCTAssertFalse(nodes.isTrusted(Fixtures.source("192.0.2.10", port: 5061, .tls)))
    }
}
