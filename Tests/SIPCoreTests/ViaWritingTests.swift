import XCTest
@testable import SIPCore

/// A Via is composed on the stack and appended in one copy; one longer than the room
/// on the stack is written by the same writer straight into the array. Either way the text is RFC 3261 §20.42's, and
/// appending keeps what was there.
final class ViaWritingTests: XCTestCase {
    private func written(_ via: Via, after prefix: String = "") -> String {
        var out = Array(prefix.utf8)
        via.write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func testABuiltViaIsWrittenWithItsHostPortAndParameters() {
        XCTAssertEqual(written(Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK-1")),
                       "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1")
        XCTAssertEqual(written(Via(transport: "TCP", host: "proxy.example.com")), "SIP/2.0/TCP proxy.example.com")
        XCTAssertEqual(written(Via(transport: "TLS", host: "2001:db8::1", port: 5061, branch: "z9hG4bK-2")),
                       "SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK-2")
        XCTAssertEqual(written(Via(transport: "UDP", host: "h.example.com", port: 0)), "SIP/2.0/UDP h.example.com:0")
        XCTAssertEqual(written(Via(transport: "UDP", host: "h.example.com"), after: "Via: "),
                       "Via: SIP/2.0/UDP h.example.com")
    }

    func testAReceivedViaChangedIsWrittenFromItsBytesAndItsNewParameters() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
            OPTIONS sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bKx;rport
            Via: SIP/2.0/TCP [2001:db8::9];branch=z9hG4bKy
            Call-ID: w@example.com
            Content-Length: 0


            """))
        var vias = try m.values(.vias)
        vias[0].parameters["received"] = "192.0.2.7"
        vias[0].parameters["rport"] = "5066"
        XCTAssertEqual(written(vias[0]),
                       "SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bKx;rport=5066;received=192.0.2.7")
        XCTAssertEqual(written(vias[1]), "SIP/2.0/TCP [2001:db8::9];branch=z9hG4bKy")
    }

    func testAQuotedParameterIsWrittenAsAQuotedString() {
        var via = Via(transport: "UDP", host: "h.example.com", branch: "z9hG4bK3")
        via.parameters.set("x-note", "a \"b\" c", quoted: true)
        XCTAssertEqual(written(via, after: "Via: "), #"Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK3;x-note="a \"b\" c""#)
    }

    func testAViaLongerThanTheRoomOnTheStackIsWrittenWhole() {
        let long = String(repeating: "a", count: 300)
        var via = Via(transport: "UDP", host: "h.example.com", port: 5060, branch: "z9hG4bK4")
        via.parameters["x-long"] = long
        XCTAssertEqual(written(via, after: "Via: "), "Via: SIP/2.0/UDP h.example.com:5060;branch=z9hG4bK4;x-long=\(long)")
        let host = String(repeating: "h", count: 250) + ".example.com"
        XCTAssertEqual(written(Via(transport: "UDP", host: host, port: 5060)), "SIP/2.0/UDP \(host):5060")
    }

    func testAPushedViaIsSerializedInFull() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
            OPTIONS sip:b@example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKx
            Call-ID: w@example.com
            Content-Length: 0


            """))
        m.pushFront(.vias, Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK-pushed"))
        let text = String(decoding: m.serialize(), as: UTF8.self)
        XCTAssertTrue(text.contains("\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-pushed\r\n"
                                    + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKx\r\n"), text)
        XCTAssertEqual(try SipMessage.parse(m.serialize()).values(.vias).first?.branch, "z9hG4bK-pushed")
    }
}
