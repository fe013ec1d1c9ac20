import XCTest
@testable import SIPCore

/// `tel:` URIs (RFC 3966): global and local numbers, parameters, and comparison.
final class TelURITests: XCTestCase {
    private func tel(_ text: String) throws -> TelURI {
        guard case .tel(let t) = try URI(text) else {
            XCTFail("\(text) is not a tel URI")
            return TelURI(number: "")
        }
        return t
    }

    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try URI(text), text, file: file, line: line) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badURI, text, file: file, line: line)
        }
    }

    func testGlobalNumberKeepsItsVisualSeparators() throws {
        let t = try tel("tel:+1-201-555-0123")
        XCTAssertTrue(t.isGlobal)
        XCTAssertEqual(t.number, "+1-201-555-0123")
        XCTAssertEqual(t.digits, "+12015550123")
        XCTAssertNil(t.phoneContext)
    }

    func testLocalNumberWithDomainPhoneContext() throws {
        let t = try tel("tel:7042;phone-context=example.com")
        XCTAssertFalse(t.isGlobal)
        XCTAssertEqual(t.number, "7042")
        XCTAssertEqual(t.phoneContext, "example.com")
    }

    func testLocalNumberWithGlobalPhoneContext() throws {
        XCTAssertEqual(try tel("tel:863-1234;phone-context=+1-914-555").phoneContext, "+1-914-555")
    }

    func testLocalNumberMayHoldStarHashAndHexDigits() throws {
        XCTAssertEqual(try tel("tel:*21#;phone-context=+1").number, "*21#")
    }

    func testLocalNumberWithoutPhoneContextIsRejected() {
        assertRejected("tel:7042")
        assertRejected("tel:7042;ext=1")
    }

    func testPlusInsideANumberIsRejected() {
        assertRejected("tel:12+34;phone-context=example.com")
    }

    func testGlobalNumberWithLettersOrNoDigitsIsRejected() {
        assertRejected("tel:+1abc")
        assertRejected("tel:+")
        assertRejected("tel:+--")
    }

    func testEmptyNumberIsRejected() {
        assertRejected("tel:")
        assertRejected("tel:;phone-context=example.com")
    }

    func testParametersAreRead() throws {
        let t = try tel("tel:+1-201-555-0123;ext=1234;isub=a%20b")
        XCTAssertEqual(t.parameters["ext"], "1234")
        XCTAssertEqual(t.parameters["isub"], "a b")
    }

    func testEmptyParameterIsRejected() {
        assertRejected("tel:+1234;;ext=1")
    }

    func testWritingRoundTrips() throws {
        for text in ["tel:+1-201-555-0123", "tel:7042;phone-context=example.com", "tel:+44-20-7946-0000;ext=22"] {
            XCTAssertEqual(try URI(text).description, text)
        }
    }

    func testTelSchemeIsCaseInsensitive() throws {
        XCTAssertEqual(try URI("TEL:+1234").scheme, "tel")
    }

    // RFC 3966 §4: comparison.

    func testNumbersCompareIgnoringVisualSeparators() throws {
        XCTAssertEqual(try tel("tel:+1-201-555-0123"), try tel("tel:+1(201)555.0123"))
        XCTAssertEqual(try tel("tel:+1-201-555-0123").hashValue, try tel("tel:+12015550123").hashValue)
    }

    func testDifferentNumbersDiffer() throws {
        XCTAssertNotEqual(try tel("tel:+1-201-555-0123"), try tel("tel:+1-201-555-0124"))
    }

    func testGlobalAndLocalNumbersDiffer() throws {
        XCTAssertNotEqual(try tel("tel:+7042"), try tel("tel:7042;phone-context=+1"))
    }

    func testHexDigitsCompareIgnoringCase() throws {
        XCTAssertEqual(try tel("tel:ABC;phone-context=example.com"), try tel("tel:abc;phone-context=example.com"))
    }

    func testParametersCompareInAnyOrder() throws {
        XCTAssertEqual(try tel("tel:+1234;ext=5;isub=6"), try tel("tel:+1234;isub=6;ext=5"))
    }

    func testParameterInOnlyOneURIDiffers() throws {
        XCTAssertNotEqual(try tel("tel:+1234;ext=5"), try tel("tel:+1234"))
    }

    func testDomainPhoneContextComparesIgnoringCase() throws {
        XCTAssertEqual(try tel("tel:7042;phone-context=Example.COM"), try tel("tel:7042;phone-context=example.com"))
    }

    func testGlobalPhoneContextComparesIgnoringVisualSeparators() throws {
        XCTAssertEqual(try tel("tel:863-1234;phone-context=+1-914-555"), try tel("tel:8631234;phone-context=+1914555"))
    }

    func testExtensionComparesIgnoringVisualSeparators() throws {
        XCTAssertEqual(try tel("tel:+1234;ext=12-34"), try tel("tel:+1234;ext=1234"))
    }
}
