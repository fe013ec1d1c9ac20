import XCTest
@testable import SIPCore

final class EventHeaderTests: XCTestCase {
    func testPackageOnly() throws {
        let e = try EventHeader("presence")
        XCTAssertEqual(e.eventType, "presence")
        XCTAssertEqual(e.package, "presence")
        XCTAssertEqual(e.templates, [])
        XCTAssertNil(e.id)
    }

    func testTemplatesAfterDots() throws {
        let e = try EventHeader("presence.winfo.extra")
        XCTAssertEqual(e.package, "presence")
        XCTAssertEqual(e.templates, ["winfo", "extra"])
    }

    func testIdAndOtherParametersWithWhitespace() throws {
        let e = try EventHeader("  refer ; ID = 93809824 ;foo")
        XCTAssertEqual(e.eventType, "refer")
        XCTAssertEqual(e.id, "93809824")
        XCTAssertTrue(e.parameters.contains("foo"))
    }

    func testEmptyPackageOrTemplateIsRejected() {
        XCTAssertParseError(try EventHeader(""), header: "Event")
        XCTAssertParseError(try EventHeader(".winfo"), header: "Event")
        XCTAssertParseError(try EventHeader("presence."), header: "Event")
        XCTAssertParseError(try EventHeader("presence..winfo"), header: "Event")
    }

    func testNonTokenAndBadParametersAreRejected() {
        XCTAssertParseError(try EventHeader("pres ence"), header: "Event")
        XCTAssertParseError(try EventHeader("dialog;id="), header: "Event")
        XCTAssertParseError(try EventHeader("dialog, presence"), header: "Event")
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(EventHeader(type: "dialog", id: "7"))
        XCTAssertRoundTrips(try EventHeader("presence.winfo;id=\"quoted id\""))
    }

    func testReadFromAMessageIncludingTheCompactForm() throws {
        let m = try HeaderTestSupport.message(["o: message-summary;id=2"])
        XCTAssertEqual(m[.event]?.package, "message-summary")
        XCTAssertEqual(m[.event]?.id, "2")
    }
}
