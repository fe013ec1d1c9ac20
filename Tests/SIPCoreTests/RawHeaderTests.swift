import XCTest
@testable import SIPCore

/// Headers read and written by name, as text (unknown headers, or known ones read raw).
final class RawHeaderTests: XCTestCase {
    private func message(_ headers: String) throws -> SipMessage {
        try SipMessage.parse("OPTIONS sip:a@example.com SIP/2.0\r\n" + headers + "\r\n\r\n")
    }

    func testValueIsTrimmed() throws {
        XCTAssertEqual(try message("X-A:   padded value  ").headerValue(named: "X-A"), "padded value")
    }

    func testFoldedLinesAreJoinedWithOneSpace() throws {
        XCTAssertEqual(try message("X-A: one\r\n  two\r\n\tthree").headerValue(named: "x-a"), "one two three")
    }

    func testFoldRightAfterTheColonAddsNoLeadingSpace() throws {
        XCTAssertEqual(try message("X-A:\r\n value").headerValue(named: "X-A"), "value")
    }

    func testNamesMatchIgnoringCaseAndCompactForms() throws {
        let m = try message("v: SIP/2.0/UDP h\r\nVIA: SIP/2.0/TCP g\r\nx-custom: 1\r\nX-CUSTOM: 2")
        XCTAssertEqual(m.headerValues(named: "Via"), ["SIP/2.0/UDP h", "SIP/2.0/TCP g"])
        XCTAssertEqual(m.headerValues(named: "v"), ["SIP/2.0/UDP h", "SIP/2.0/TCP g"])
        XCTAssertEqual(m.headerValues(named: "X-Custom"), ["1", "2"])
    }

    func testHeaderNamesAreReportedAsWritten() throws {
        XCTAssertEqual(try message("x-Odd: 1\r\nv: SIP/2.0/UDP h").headerNames, ["x-Odd", "Via"])
    }

    func testAddedHeaderGoesAfterItsKin() throws {
        let m = try message("X-A: 1\r\nMax-Forwards: 70")
        try m.addHeader(named: "x-a", value: "2")
        XCTAssertEqual(m.headerValues(named: "X-A"), ["1", "2"])
        XCTAssertTrue(m.description.contains("X-A: 1\r\nx-a: 2\r\nMax-Forwards: 70\r\n"))
    }

    func testKnownHeaderAddedByNameIsTyped() throws {
        let m = try message("Max-Forwards: 70")
        try m.addHeader(named: "cseq", value: "5 OPTIONS")
        XCTAssertEqual(m[.cSeq], CSeq(5, .options))
    }

    func testKnownListHeaderSetByNameIsTyped() throws {
        let m = try message("Via: SIP/2.0/UDP old")
        try m.setHeader(named: "v", value: "SIP/2.0/TCP new;branch=z9hG4bK1, SIP/2.0/UDP other")
        XCTAssertEqual(m[.vias].map(\.host), ["new", "other"])
    }

    func testMalformedValueAddedByNameIsAnErrorOnTypedRead() throws {
        let m = try message("Max-Forwards: 70")
        try m.addHeader(named: "CSeq", value: "x")
        XCTAssertThrowsError(try m.get(.cSeq))
    }

    func testKnownHeaderAddedAsBytesGoesAfterItsKinAndParsesOnRead() throws {
        let m = try message("Contact: <sip:a@h1>\r\nMax-Forwards: 70")
        try m.addHeader(.contact, value: Array("<sip:b@h2>;expires=60".utf8))
        XCTAssertEqual(m[.contacts].map { $0.uri.host }, ["h1", "h2"])
        XCTAssertEqual(m[.contacts].last?.expires, 60)
        XCTAssertTrue(m.description.contains("Contact: <sip:a@h1>\r\nContact: <sip:b@h2>;expires=60\r\nMax-Forwards: 70\r\n"))
    }

    func testKnownHeaderAddedAsBytesWithoutKinGoesAtTheEnd() throws {
        let m = try message("Max-Forwards: 70")
        try m.addHeader(.date, value: Array("Sat, 13 Nov 2010 23:29:00 GMT".utf8))
        XCTAssertEqual(m.headerNames, ["Max-Forwards", "Date"])
        XCTAssertEqual(m[.date], SipDate(secondsSince1970: 1_289_690_940))
    }

    func testBytesWithALineBreakOrAnUnknownKindAreRefused() throws {
        let m = try message("Max-Forwards: 70")
        XCTAssertThrowsError(try m.addHeader(.subject, value: Array("a\r\nVia: x".utf8)))
        XCTAssertThrowsError(try m.addHeader(.unknown, value: Array("x".utf8)))
        XCTAssertEqual(m.headerNames, ["Max-Forwards"], "nothing was added")
    }
}
