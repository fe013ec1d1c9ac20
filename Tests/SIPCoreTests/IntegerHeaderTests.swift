import XCTest
@testable import SIPCore

/// Max-Forwards, Expires, Min-Expires and Content-Length: `1*DIGIT` values (RFC 3261 §20).
final class IntegerHeaderTests: XCTestCase {
    private func message(_ header: String) throws -> SipMessage {
        try SipMessage.parse(Fixtures.crlf("OPTIONS sip:a@example.com SIP/2.0\n\(header)\n\n"))
    }

    func testMaxForwardsIsRead() throws {
        XCTAssertEqual(try message("Max-Forwards: 70")[.maxForwards], 70)
        XCTAssertEqual(try message("Max-Forwards: 0")[.maxForwards], 0)
    }

    func testExpiresAndMinExpiresAreRead() throws {
        XCTAssertEqual(try message("Expires: 3600")[.expires], 3600)
        XCTAssertEqual(try message("Min-Expires: 60")[.minExpires], 60)
    }

    func testLargestTenDigitNumberIsRead() throws {
        XCTAssertEqual(try message("Expires: 4294967295")[.expires], 4_294_967_295)
    }

    func testContentLengthIsReadTyped() throws {
        XCTAssertEqual(try message("Content-Length: 0")[.contentLength], 0)
        XCTAssertEqual(try message("l: 0")[.contentLength], 0)
    }

    func testFoldedContentLengthDelimitsTheBody() throws {
        let m = try SipMessage.parse("OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length:\r\n\t3\r\n\r\nabcdef")
        XCTAssertEqual(m.body, Array("abc".utf8))
        XCTAssertEqual(m[.contentLength], 3)
    }

    func testSurroundingWhitespaceIsIgnored() throws {
        XCTAssertEqual(try message("Max-Forwards:    69   ")[.maxForwards], 69)
        XCTAssertEqual(try message("Max-Forwards:\n 68")[.maxForwards], 68)
    }

    func testNonNumbersAreErrors() throws {
        for value in ["-1", "abc", "7 0", "70a", "0x10", "1.5", "+3", "٣"] {
            let m = try message("Max-Forwards: \(value)")
            XCTAssertNil(m[.maxForwards], value)
            XCTAssertThrowsError(try m.get(.maxForwards), value) { e in
                XCTAssertEqual((e as? SipParseError)?.kind, .badHeaderValue, value)
                XCTAssertEqual((e as? SipParseError)?.header, "Max-Forwards", value)
            }
        }
    }

    func testEmptyValueIsAnError() throws {
        XCTAssertThrowsError(try message("Expires:").get(.expires))
    }

    func testMoreThanTenDigitsIsAnError() throws {
        XCTAssertThrowsError(try message("Expires: 99999999999").get(.expires))
        XCTAssertThrowsError(try message("Max-Forwards: 99999999999999999999999999999999").get(.maxForwards))
    }

    func testFirstLineWinsWhenRepeated() throws {
        XCTAssertEqual(try message("Expires: 10\nExpires: 20")[.expires], 10)
    }

    func testSettingWritesDigitsAndReplacesEveryLine() throws {
        let m = try message("Expires: 10\nExpires: 20")
        m[.expires] = 300
        XCTAssertEqual(m.headerValues(named: "Expires"), ["300"])
        XCTAssertTrue(m.description.contains("\r\nExpires: 300\r\n"))
    }

    func testSettingNilRemovesTheHeader() throws {
        let m = try message("Max-Forwards: 70")
        m[.maxForwards] = nil
        XCTAssertFalse(m.exists(.maxForwards))
    }
}
