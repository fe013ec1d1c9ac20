import XCTest
@testable import SIPCore

final class MediaTypeTests: XCTestCase {
    func testSimpleTypeAndSubtype() throws {
        let t = try MediaType("application/sdp")
        XCTAssertEqual(t.type, "application")
        XCTAssertEqual(t.subtype, "sdp")
        XCTAssertTrue(t.parameters.isEmpty)
        XCTAssertTrue(t.isSDP)
    }

    func testTypeAndSubtypeCompareIgnoringCase() throws {
        XCTAssertEqual(try MediaType("Application/SDP"), .sdp)
        XCTAssertTrue(try MediaType("MULTIPART/Mixed;boundary=x").isMultipart)
    }

    func testWhitespaceAroundSlashAndParameters() throws {
        let t = try MediaType("  text / plain ; charset = UTF-8 ")
        XCTAssertEqual(t.type, "text")
        XCTAssertEqual(t.subtype, "plain")
        XCTAssertEqual(t.charset, "UTF-8")
    }

    func testQuotedBoundaryWithEscapes() throws {
        let t = try MediaType(#"multipart/mixed; boundary="a \"b\" c""#)
        XCTAssertEqual(t.boundary, #"a "b" c"#)
    }

    func testSettingABoundaryThatIsNotATokenQuotesIt() {
        let t = MediaType.multipart(boundary: "simple boundary=1")
        XCTAssertEqual(t.headerText, #"multipart/mixed;boundary="simple boundary=1""#)
        XCTAssertEqual(MediaType.multipart("alternative", boundary: "b1").headerText, "multipart/alternative;boundary=b1")
    }

    func testMissingSubtypeIsRejected() {
        XCTAssertParseError(try MediaType("application"), header: "Content-Type")
        XCTAssertParseError(try MediaType("application/"), header: "Content-Type")
    }

    func testEmptyValueAndBadParametersAreRejected() {
        XCTAssertParseError(try MediaType(""), header: "Content-Type")
        XCTAssertParseError(try MediaType("text/plain;"), header: "Content-Type")
        XCTAssertParseError(try MediaType("text/plain;charset="), header: "Content-Type")
        XCTAssertParseError(try MediaType(#"text/plain;charset="utf-8"#), header: "Content-Type")
        XCTAssertParseError(try MediaType("text/plain garbage"), header: "Content-Type")
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(try MediaType(#"multipart/related;type="application/sdp";boundary=abc"#))
        XCTAssertRoundTrips(MediaType.multipart(boundary: "with space"))
    }

    func testReadFromAMessageIncludingTheCompactForm() throws {
        let m = try HeaderTestSupport.message(["c: application/pidf+xml;charset=utf-8"])
        XCTAssertEqual(m[.contentType]?.subtype, "pidf+xml")
        XCTAssertEqual(m[.contentType]?.charset, "utf-8")
    }

    func testMalformedValueInAMessageNamesTheHeader() throws {
        let m = try HeaderTestSupport.message(["Content-Type: /sdp"])
        XCTAssertNil(m[.contentType])
        XCTAssertParseError(try m.get(.contentType), header: "Content-Type")
    }
}
