import XCTest
@testable import SIPCore

/// A number set through an integer header key (Max-Forwards, Expires, Content-Length …) is
/// kept as the number and written as its decimal; every way of reading the line sees it.
final class WrittenNumberTests: XCTestCase {
    private let request = Fixtures.bodilessRequest

    func testADecrementedMaxForwardsIsWrittenInPlaceWithoutAnEncoding() throws {
        let m = try SipMessage.parse(request)
        m[.maxForwards] = (m[.maxForwards] ?? 70) - 1
        XCTAssertTrue(m.fieldReferences.isEmpty, "no encoding was allocated")
        XCTAssertEqual(m[.maxForwards], 69)
        XCTAssertEqual(String(decoding: m.serialize(), as: UTF8.self),
                       String(decoding: Array(request.utf8), as: UTF8.self).replacingOccurrences(
                           of: "Max-Forwards: 70", with: "Max-Forwards: 69"))
    }

    func testTheNumberIsWhatRawReadsAndResponsesSee() throws {
        let m = try SipMessage.parse(request)
        m[.maxForwards] = 5
        XCTAssertEqual(m.headerValue(named: "max-forwards"), "5")
        XCTAssertEqual(m.firstRawValue(.maxForwards), Array("5".utf8))
        let copy = m.copy()
        XCTAssertEqual(copy[.maxForwards], 5)
        XCTAssertTrue(String(decoding: copy.serialize(), as: UTF8.self).contains("\r\nMax-Forwards: 5\r\n"))
    }

    func testAnAbsentHeaderSetToANumberIsAddedAsOne() throws {
        let m = try SipMessage.parse(request)
        m[.expires] = 3600
        XCTAssertEqual(m[.expires], 3600)
        let text = String(decoding: m.serialize(), as: UTF8.self)
        XCTAssertTrue(text.contains("\r\nExpires: 3600\r\n"), text)
        XCTAssertEqual(try SipMessage.parse(m.serialize())[.expires], 3600)
    }

    func testReadingTheLineAsTextKeepsTheNumberWritten() throws {
        let m = try SipMessage.parse(request)
        m[.maxForwards] = 12
        // A key of another type reads the line's written value, and the line stays written.
        let asText = HeaderKey<String>(.maxForwards, parse: HeaderGrammar.text, write: HeaderGrammar.writeText)
        XCTAssertEqual(m[asText], "12")
        XCTAssertEqual(m[.maxForwards], 12)
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("\r\nMax-Forwards: 12\r\n"))
    }

    func testANumberTooLargeForTheFieldIsEncodedInstead() throws {
        let m = try SipMessage.parse(request)
        m[.expires] = Int(UInt32.max) + 1
        XCTAssertEqual(m[.expires], Int(UInt32.max) + 1)
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("\r\nExpires: 4294967296\r\n"))
    }

    func testSettingABodyRewritesContentLength() throws {
        let m = try SipMessage.parse(request)
        m.body = Array("hello".utf8)
        let again = try SipMessage.parse(m.serialize())
        XCTAssertEqual(again[.contentLength], 5)
        XCTAssertEqual(again.body, Array("hello".utf8))
    }
}
