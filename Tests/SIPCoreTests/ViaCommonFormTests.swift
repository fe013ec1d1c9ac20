import XCTest
@testable import SIPCore

/// The one-pass reader of the common Via form reads exactly what the full parser reads
/// from the same text, and leaves every other form to it.
final class ViaCommonFormTests: XCTestCase {
    private func assertSameAsGeneral(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var a = ByteScanner(text, header: "Via")
        let common = try XCTUnwrap(try Via.parseCommonForm(&a), "common form declined \(text)", file: file, line: line)
        var b = ByteScanner(text, header: "Via")
        let general = try Via.parseGeneral(&b)
        XCTAssertEqual(common, general, text, file: file, line: line)
        XCTAssertEqual(common.description, general.description, text, file: file, line: line)
        XCTAssertEqual(common.host, general.host, text, file: file, line: line)
        XCTAssertEqual(common.port, general.port, text, file: file, line: line)
        XCTAssertEqual(common.transport, general.transport, text, file: file, line: line)
        XCTAssertEqual(common.branch, general.branch, text, file: file, line: line)
        XCTAssertEqual(common.parameters.items, general.parameters.items, text, file: file, line: line)
        XCTAssertEqual(a.position, b.position, "where the scanner stops: \(text)", file: file, line: line)
    }

    func testEveryCombinationOfTheCommonPartsReadsAsTheFullParserReadsIt() throws {
        let leads = ["", " ", "\t "]
        let transports = ["UDP", "TCP", "TLS"]
        let gaps = [" ", "\t", "  "]
        let hosts = ["pc33.atlanta.example.com", "192.0.2.1", "[2001:db8::9:1]", "[::1]", "h"]
        let ports = ["", ":5060", ":0", ":65535"]
        let parameters = ["", ";branch=z9hG4bK776asdhds", ";branch=z9hG4bK1;rport;received=192.0.2.7",
                          " ;branch=z9hG4bK2 ;rport=5060", ";branch=z9hG4bK3 , SIP/2.0/TCP next.example.com"]
        var count = 0
        for l in leads { for t in transports { for g in gaps { for h in hosts { for p in ports { for x in parameters {
            try assertSameAsGeneral("\(l)SIP/2.0/\(t)\(g)\(h)\(p)\(x)")
            count += 1
        } } } } } }
        XCTAssertEqual(count, 3 * 3 * 3 * 5 * 4 * 5)
    }

    func testOtherFormsAreLeftToTheFullParserUntouched() throws {
        for text in [
            "SIP / 2.0 / UDP h.example.com", "SIP/2.0/SCTP h.example.com", "SIP/2.0/udp h.example.com",
            "SIP/2.0/UDPX h.example.com", "SIP/3.0/UDP h.example.com", "XSIP/2.0/UDP h", "SIP/2.0/UDP",
            "SIP/2.0/UDP h.example.com:70000", "SIP/2.0/UDP h.example.com:123456", "SIP/2.0/UDP [::1",
            "SIP/2.0/UDP ;branch=z9hG4bK1", "SIP/2.0/UDP\r\n h.example.com", "SIP/2.0/WSS h.example.com",
        ] {
            var s = ByteScanner(text, header: "Via")
            XCTAssertNil(try Via.parseCommonForm(&s), text)
            XCTAssertEqual(s.position, 0, text)
        }
    }

    func testFormsTheCommonReaderDeclinesStillReadOrFailAsBefore() throws {
        XCTAssertEqual(try Via("SIP / 2.0 / UDP h.example.com;branch=z9hG4bK1").host, "h.example.com")
        XCTAssertEqual(try Via("SIP/2.0/udp h.example.com").transport, "udp")
        XCTAssertEqual(try Via("SIP/2.0/SCTP h.example.com").transport, "SCTP")
        for bad in ["SIP/2.0/UDP h.example.com:70000", "SIP/2.0/UDP [::1", "SIP/2.0/UDP ;branch=z9hG4bK1"] {
            XCTAssertThrowsError(try Via(bad), bad)
        }
    }
}
