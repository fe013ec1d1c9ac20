import XCTest
@testable import SIPCore

/// The one-pass reader of the common name-addr form reads exactly what the full parser
/// reads from the same text, and leaves every other form to it.
final class NameAddrCommonFormTests: XCTestCase {
    /// Both readers over `text`: the common form's result (nil when it declines) and the
    /// full parser's, with where each left the scanner.
    private func readBoth(_ text: String) throws -> (common: NameAddr?, commonEnd: Int, general: NameAddr?, generalEnd: Int) {
        var a = ByteScanner(text, header: "test")
        let common = try NameAddr.parseCommonForm(&a)
        var b = ByteScanner(text, header: "test")
        let general = try? NameAddr.parseGeneral(&b)
        return (common, a.position, general, b.position)
    }

    private func assertSameAsGeneral(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try readBoth(text)
        let common = try XCTUnwrap(r.common, "common form declined \(text)", file: file, line: line)
        let general = try XCTUnwrap(r.general, "full parser rejected \(text)", file: file, line: line)
        XCTAssertEqual(common, general, text, file: file, line: line)
        XCTAssertEqual(common.description, general.description, text, file: file, line: line)
        XCTAssertEqual(common.displayName, general.displayName, text, file: file, line: line)
        XCTAssertEqual(common.uri.sipURI?.user, general.uri.sipURI?.user, text, file: file, line: line)
        XCTAssertEqual(common.uri.sipURI?.host, general.uri.sipURI?.host, text, file: file, line: line)
        XCTAssertEqual(common.uri.sipURI?.port, general.uri.sipURI?.port, text, file: file, line: line)
        XCTAssertEqual(common.uri.sipURI?.isSecure, general.uri.sipURI?.isSecure, text, file: file, line: line)
        XCTAssertEqual(common.uri.sipURI?.parameters.items, general.uri.sipURI?.parameters.items, text, file: file, line: line)
        XCTAssertEqual(common.parameters.items, general.parameters.items, text, file: file, line: line)
        XCTAssertEqual(r.commonEnd, r.generalEnd, "where the scanner stops: \(text)", file: file, line: line)
    }

    func testTheUsualFromToRouteAndContactValuesTakeTheCommonForm() throws {
        for text in [
            "Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "\"Bob Smith\" <sip:bob@biloxi.example.com>",
            "<sip:proxy.biloxi.example.com;lr>",
            "<sips:carol@chicago.example.com:5061;transport=tcp;lr>;expires=3600;q=0.7",
            "  <SIP:user0001@example.test:5060>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1",
            "\"\" <sip:h.example.com>;tag=x",
            "*Bob <sip:bob@h.example.com>",
            "Two Words\t <sip:a@192.0.2.10:5070;maddr=192.0.2.1;x=>;tag=a , <sip:next@h>",
            "<sip:a.b-c_d!~*'()&=+$,;?/@h.example.com>",
        ] {
            try assertSameAsGeneral(text)
        }
    }

    func testEveryCombinationOfTheCommonPartsReadsAsTheFullParserReadsIt() throws {
        let displays = ["", "Alice ", "\"Alice Smith\" ", "\"\" ", "A  B\t"]
        let schemes = ["sip:", "sips:", "SIP:"]
        let users = ["", "alice@", "user0001@", "+15551234;phone-context=x@"]
        let hosts = ["atlanta.example.com", "192.0.2.1", "h", "[2001:db8::1]"]
        let ports = ["", ":5060", ":0", ":65535"]
        let uriParameters = ["", ";lr", ";transport=TCP;lr", ";x=;y"]
        let fieldParameters = ["", ";tag=1928301774", " ;tag=a;expires=60", ";q=0.5 ,<sip:x@y>"]
        var count = 0
        for d in displays { for sc in schemes { for u in users { for h in hosts { for p in ports {
            for up in uriParameters { for fp in fieldParameters {
                try assertSameAsGeneral("\(d)<\(sc)\(u)\(h)\(p)\(up)>\(fp)")
                count += 1
            } }
        } } } } }
        XCTAssertEqual(count, 5 * 3 * 4 * 4 * 4 * 4 * 4)
    }

    func testOtherFormsAreLeftToTheFullParserUntouched() throws {
        for text in [
            "*", "sip:alice@atlanta.example.com;tag=1", "<sip:a%20b@h.example.com>", "<sip:a:secret@h.example.com>",
            "<sip:[2001:db8::1>", "<sip:h.example.com?subject=x>", "<sip:h.example.com;a%3Db=c>",
            "\"A \\\"quoted\\\" name\" <sip:h.example.com>", "<tel:+15551234>", "<mailto:a@b.example.com>",
            "<sip:h.example.com:123456>", "<sip:h.example.com:70000>", "<sip:@h.example.com>", "Bob <sip:h.example.com",
            "<sip:h.example.com;;lr>", "<sip:>", "Bob sip:h.example.com", "<sip:h.example.com >",
        ] {
            var s = ByteScanner(text, header: "test")
            let start = s.position
            XCTAssertNil(try NameAddr.parseCommonForm(&s), text)
            XCTAssertEqual(s.position, start, text)
        }
    }

    func testAMalformedValueIsStillRejectedWithTheFullParsersError() {
        for text in ["<sip:h.example.com:70000>", "<sip:@h.example.com>", "Bob <sip:h.example.com", "<sip:>"] {
            XCTAssertThrowsError(try NameAddr(text), text)
        }
    }
}
