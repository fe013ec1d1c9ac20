import XCTest
@testable import SIPCore

final class WarningTests: XCTestCase {
    func testRFC3261Example() throws {
        let w = try Warning(#"307 isi.edu "Session parameter 'foo' not understood""#)
        XCTAssertEqual(w.code, 307)
        XCTAssertEqual(w.agent, "isi.edu")
        XCTAssertEqual(w.text, "Session parameter 'foo' not understood")
    }

    func testAgentWithPortIPv6AndPseudonym() throws {
        XCTAssertEqual(try Warning(#"370 10.0.0.1:5060 "x""#).agent, "10.0.0.1:5060")
        XCTAssertEqual(try Warning(#"301 [2001:db8::1]:5061 "x""#).agent, "[2001:db8::1]:5061")
        XCTAssertEqual(try Warning(#"399 proxy-7 "x""#).agent, "proxy-7")
    }

    func testTextWithEscapesAndCommasAndExtraWhitespace() throws {
        let w = try Warning(#"  399   devnull   "say \"hi\", then go" "#)
        XCTAssertEqual(w.text, #"say "hi", then go"#)
    }

    func testMalformedValuesAreRejected() {
        XCTAssertParseError(try Warning(#"37 host "x""#), header: "Warning")
        XCTAssertParseError(try Warning(#"3070 host "x""#), header: "Warning")
        XCTAssertParseError(try Warning(#"307host "x""#), header: "Warning")
        XCTAssertParseError(try Warning(#"307 "x""#), header: "Warning")
        XCTAssertParseError(try Warning("307 host unquoted"), header: "Warning")
        XCTAssertParseError(try Warning(#"307 host "unterminated"#), header: "Warning")
    }

    func testWriteParseRoundTrip() {
        XCTAssertRoundTrips(Warning(code: 399, agent: "example.com:5060", text: #"quote " and \ backslash"#))
        XCTAssertEqual(Warning(code: 7, agent: "h", text: "t").headerText, #"007 h "t""#)
    }

    func testCommaSeparatedListInAMessage() throws {
        let m = try HeaderTestSupport.message([#"Warning: 370 a.example "one, two", 307 b.example "three""#,
                                               #"Warning: 399 c.example "four""#])
        XCTAssertEqual(m[.warnings].map(\.code), [370, 307, 399])
        XCTAssertEqual(m[.warnings].first?.text, "one, two")
    }

    func testMalformedLineInAMessageNamesTheHeader() throws {
        let m = try HeaderTestSupport.message([#"Warning: 370 a.example"#])
        XCTAssertParseError(try m.values(.warnings), header: "Warning")
    }
}
