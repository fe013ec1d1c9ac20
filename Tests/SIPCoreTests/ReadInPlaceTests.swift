import XCTest
@testable import SIPCore

/// A name-addr, SIP URI or Via read from a message keeps its display name, user and host
/// as ranges of the message's bytes and makes Strings of them when asked; setting one
/// gives the value Strings of its own and changes nothing else, here or in the message.
final class ReadInPlaceTests: XCTestCase {
    private func message(from: String, via: String = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK1") throws -> SipMessage {
        try SipMessage.parse(Fixtures.crlf("""
            OPTIONS sip:bob@biloxi.example.com SIP/2.0
            Via: \(via)
            From: \(from)
            To: <sip:bob@biloxi.example.com>
            Call-ID: read-in-place@example.com
            CSeq: 1 OPTIONS
            Content-Length: 0


            """))
    }

    private func parts(_ n: NameAddr) -> NameAddrParts { n.parts }

    func testANameAddrFromAMessageReadsItsPartsInPlace() throws {
        let m = try message(from: "\"Alice Smith\" <sip:alice@atlanta.example.com:5070;transport=tcp>;tag=9f")
        let from = try m.get(.from)
        XCTAssertNotNil(parts(from).received)
        XCTAssertNotNil(parts(from).receivedDisplayName)
        XCTAssertEqual(from.displayName, "Alice Smith")
        XCTAssertEqual(from.uri.user, "alice")
        XCTAssertEqual(from.uri.host, "atlanta.example.com")
        XCTAssertEqual(from.uri.sipURI?.port, 5070)
        XCTAssertEqual(from.uri.sipURI?.transport, "tcp")
        XCTAssertEqual(from.tag, "9f")
        XCTAssertEqual(from, try NameAddr("\"Alice Smith\" <sip:alice@atlanta.example.com:5070;transport=tcp>;tag=9f"))
    }

    func testSettingOnePartKeepsTheOthersAndLeavesTheMessageAlone() throws {
        let m = try message(from: "Alice <sip:alice@atlanta.example.com>;tag=9f")
        var from = try m.get(.from)
        from.uri.host = "changed.example.com"
        XCTAssertEqual(from.uri.host, "changed.example.com")
        XCTAssertEqual(from.uri.user, "alice")
        XCTAssertEqual(from.displayName, "Alice")
        XCTAssertEqual(from.tag, "9f")
        from.displayName = "Alicia"
        XCTAssertEqual(from.displayName, "Alicia")
        var uri = try XCTUnwrap(from.uri.sipURI)
        uri.user = "al"
        XCTAssertEqual(uri.user, "al")
        XCTAssertEqual(uri.host, "changed.example.com")
        XCTAssertEqual(from.uri.user, "alice")

        let again = try m.get(.from)
        XCTAssertEqual(again.uri.host, "atlanta.example.com")
        XCTAssertEqual(again.displayName, "Alice")
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("From: Alice <sip:alice@atlanta.example.com>;tag=9f\r\n"))
    }

    func testEscapedUserAndQuotedPairsAreUnescapedAsBefore() throws {
        let m = try message(from: "\"A \\\"quoted\\\" name\" <sip:a%20b@h.example.com>;tag=1")
        let from = try m.get(.from)
        XCTAssertEqual(from.displayName, "A \"quoted\" name")
        XCTAssertNil(parts(from).receivedDisplayName)
        XCTAssertEqual(from.uri.user, "a b")
        XCTAssertEqual(from.uri.host, "h.example.com")
        XCTAssertNil(parts(from).received)
    }

    func testAnEmptyQuotedDisplayNameIsNone() throws {
        let from = try message(from: "\"\" <sip:h.example.com>;tag=1").get(.from)
        XCTAssertNil(from.displayName)
        XCTAssertNil(from.uri.user)
        XCTAssertEqual(from.uri.host, "h.example.com")
    }

    func testAViaFromAMessageReadsItsHostInPlace() throws {
        let m = try message(from: "<sip:a@h.example.com>;tag=1",
                            via: "SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK77;rport")
        var via = try XCTUnwrap(m.values(.vias).first)
        XCTAssertNotNil(via.parts.receivedHost)
        XCTAssertEqual(via.host, "2001:db8::9:1")
        XCTAssertEqual(via.port, 5062)
        via.host = "192.0.2.1"
        XCTAssertNil(via.parts.receivedHost)
        XCTAssertEqual(via.description, "SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK77;rport")
        XCTAssertEqual(try XCTUnwrap(m.values(.vias).first).host, "2001:db8::9:1")
    }
}
