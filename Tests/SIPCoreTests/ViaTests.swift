import XCTest
@testable import SIPCore

/// The Via header (RFC 3261 §20.42, §18.2.1; RFC 3581 rport).
final class ViaTests: XCTestCase {
    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Via(text), text, file: file, line: line) { e in
            XCTAssertEqual((e as? SipParseError)?.header, "Via", text, file: file, line: line)
        }
    }

    func testSentProtocolSentByAndBranchAreRead() throws {
        let v = try Via("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds")
        XCTAssertEqual(v.protocolName, "SIP")
        XCTAssertEqual(v.protocolVersion, "2.0")
        XCTAssertEqual(v.transport, "UDP")
        XCTAssertEqual(v.host, "pc33.atlanta.example.com")
        XCTAssertEqual(v.port, 5060)
        XCTAssertEqual(v.branch, "z9hG4bK776asdhds")
        XCTAssertTrue(v.hasMagicCookie)
    }

    func testSentProtocolKeepsItsCaseAndAnyTransportName() throws {
        // The common names come back as shared literals only when the bytes match exactly.
        let lower = try Via("sip/2.0/udp host.example.com;branch=z9hG4bK1")
        XCTAssertEqual([lower.protocolName, lower.protocolVersion, lower.transport], ["sip", "2.0", "udp"])
        XCTAssertEqual(lower.headerText, "sip/2.0/udp host.example.com;branch=z9hG4bK1")
        for transport in ["UDP", "TCP", "TLS", "SCTP", "WSS", "UD", "UDPX", "X-NEW"] {
            XCTAssertEqual(try Via("SIP/2.0/\(transport) h;branch=z9hG4bK1").transport, transport)
        }
        XCTAssertEqual(try Via("SIP/3.1/TCP h;branch=z9hG4bK1").protocolVersion, "3.1")
        assertRejected("SIP/2.0/ host.example.com")
    }

    func testSentByWithoutPortHasNilPort() throws {
        XCTAssertNil(try Via("SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1").port)
    }

    func testIPv6SentByIsStoredWithoutBrackets() throws {
        let v = try Via("SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK1")
        XCTAssertEqual(v.host, "2001:db8::9:1")
        XCTAssertEqual(v.port, 5062)
        XCTAssertEqual(v.headerText, "SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK1")
    }

    func testIPv6SentByWithoutPort() throws {
        XCTAssertEqual(try Via("SIP/2.0/TLS [::1];branch=z9hG4bK1").host, "::1")
    }

    func testEveryKnownParameterIsReadable() throws {
        let v = try Via("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKx;received=192.0.2.77;rport=49152;maddr=239.255.255.1;ttl=16")
        XCTAssertEqual(v.branch, "z9hG4bKx")
        XCTAssertEqual(v.received, "192.0.2.77")
        XCTAssertEqual(v.rport, 49152)
        XCTAssertTrue(v.hasRport)
        XCTAssertEqual(v.maddr, "239.255.255.1")
        XCTAssertEqual(v.ttl, 16)
    }

    func testReceivedMayBeAnIPv6Address() throws {
        XCTAssertEqual(try Via("SIP/2.0/UDP [2001:db8::1];received=2001:db8::ff;branch=z9hG4bK1").received, "2001:db8::ff")
        XCTAssertEqual(try Via("SIP/2.0/UDP [2001:db8::1];received=[2001:db8::ff]").received, "[2001:db8::ff]")
    }

    func testUnknownParametersAreKeptInOrder() throws {
        let v = try Via("SIP/2.0/TCP client.example.com;alias;comp=sigcomp;branch=z9hG4bK1;x-q=\"a b\"")
        XCTAssertEqual(v.parameters.map(\.name), ["alias", "comp", "branch", "x-q"])
        XCTAssertEqual(v.parameters["comp"], "sigcomp")
        XCTAssertEqual(v.parameters["x-q"], "a b")
        XCTAssertEqual(v.headerText, "SIP/2.0/TCP client.example.com;alias;comp=sigcomp;branch=z9hG4bK1;x-q=\"a b\"")
    }

    func testRportWithoutValueIsPresentWithNilValue() throws {
        let v = try Via("SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bK1")
        XCTAssertTrue(v.hasRport)
        XCTAssertNil(v.rport)
    }

    func testFillingInRportKeepsItsPosition() throws {
        var v = try Via("SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bK1")
        v.rport = 5070
        v.received = "198.51.100.3"
        XCTAssertEqual(v.headerText, "SIP/2.0/UDP 192.0.2.1;rport=5070;branch=z9hG4bK1;received=198.51.100.3")
    }

    func testRequestingAndRemovingRport() throws {
        var v = Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK1")
        XCTAssertFalse(v.hasRport)
        v.requestRport()
        XCTAssertEqual(v.headerText, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport")
        v.removeRport()
        XCTAssertFalse(v.hasRport)
    }

    func testSettingRportToNilLeavesABareRport() throws {
        var v = try Via("SIP/2.0/UDP 192.0.2.1;rport=1234")
        v.rport = nil
        XCTAssertTrue(v.hasRport)
        XCTAssertNil(v.rport)
    }

    func testWhitespaceAroundSlashesAndParametersIsAllowed() throws {
        let v = try Via("SIP / 2.0 / UDP   host.example.com ; branch = z9hG4bK1 ;rport")
        XCTAssertEqual(v.transport, "UDP")
        XCTAssertEqual(v.host, "host.example.com")
        XCTAssertEqual(v.branch, "z9hG4bK1")
        XCTAssertTrue(v.hasRport)
    }

    func testFoldedWhitespaceIsAllowed() throws {
        XCTAssertEqual(try Via("SIP/2.0/UDP\r\n host.example.com;branch=z9hG4bK1").host, "host.example.com")
    }

    func testOtherTransportsAndCaseAreKeptAsWritten() throws {
        XCTAssertEqual(try Via("SIP/2.0/tcp h").transport, "tcp")
        XCTAssertTrue(try Via("SIP/2.0/tcp h").isReliableTransport)
        XCTAssertFalse(try Via("SIP/2.0/udp h").isReliableTransport)
        XCTAssertEqual(try Via("SIP/2.0/WSS h.invalid").transport, "WSS")
    }

    func testBranchWithoutMagicCookieIsNotRFC3261() throws {
        XCTAssertFalse(try Via("SIP/2.0/UDP h;branch=abc").hasMagicCookie)
        XCTAssertFalse(try Via("SIP/2.0/UDP h").hasMagicCookie)
    }

    func testMissingTransportIsRejected() {
        assertRejected("SIP/2.0 host.example.com")
        assertRejected("SIP/2.0/ host.example.com")
        assertRejected("SIP host.example.com")
    }

    func testMissingSentByIsRejected() {
        assertRejected("SIP/2.0/UDP")
        assertRejected("SIP/2.0/UDP ;branch=z9hG4bK1")
    }

    func testBadPortIsRejected() {
        assertRejected("SIP/2.0/UDP host:99999")
        assertRejected("SIP/2.0/UDP host:")
        assertRejected("SIP/2.0/UDP [::1")
    }

    func testEmptyParameterValueIsRejected() {
        assertRejected("SIP/2.0/UDP host;branch=")
        assertRejected("SIP/2.0/UDP host;=x")
    }

    func testGarbageAfterTheViaIsRejected() {
        assertRejected("SIP/2.0/UDP host junk")
    }

    func testCommaSeparatedViasInOneLineAreRead() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
        OPTIONS sip:x@example.com SIP/2.0
        Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1 , SIP/2.0/TCP [2001:db8::2]:5070;branch=z9hG4bK2
        v: SIP/2.0/TLS c.example.com;branch=z9hG4bK3
        Content-Length: 0


        """))
        XCTAssertEqual(m[.vias].map(\.host), ["a.example.com", "2001:db8::2", "c.example.com"])
        XCTAssertEqual(m[.vias].map(\.transport), ["UDP", "TCP", "TLS"])
    }

    func testWritingRoundTripsCanonicalText() throws {
        for text in ["SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport",
                     "SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bKx;received=2001:db8::9;rport=3"] {
            XCTAssertEqual(try Via(text).headerText, text)
        }
    }
}
