import XCTest
@testable import SIPCore

/// URIs of schemes SIP does not interpret are kept as opaque text (RFC 3261 §19.1).
final class AbsoluteURITests: XCTestCase {
    func testOtherSchemesAreKeptVerbatim() throws {
        for text in ["mailto:alice@example.com", "http://www.example.com/a/b?c=d&e=f", "urn:service:sos",
                     "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "im:alice@example.com", "cid:a1b2@example.com"] {
            let u = try URI(text)
            guard case .absolute(let a) = u else { return XCTFail("\(text) should be absolute") }
            XCTAssertEqual(a.text, text)
            XCTAssertEqual(u.description, text)
        }
    }

    func testSchemeIsReportedInLowerCase() throws {
        XCTAssertEqual(try URI("MAILTO:alice@example.com").scheme, "mailto")
    }

    func testAbsoluteURIsCompareAsExactText() throws {
        XCTAssertEqual(try URI("urn:service:sos"), try URI("urn:service:sos"))
        XCTAssertNotEqual(try URI("urn:service:sos"), try URI("urn:service:SOS"))
    }

    func testAbsoluteURIsHaveNoUserOrHost() throws {
        let u = try URI("mailto:alice@example.com")
        XCTAssertNil(u.user)
        XCTAssertNil(u.host)
        XCTAssertNil(u.sipURI)
    }

    func testSchemeMustStartWithALetter() {
        XCTAssertThrowsError(try URI("1abc:x"))
        XCTAssertThrowsError(try URI("+abc:x"))
    }

    func testMissingColonOrEmptyBodyIsRejected() {
        XCTAssertThrowsError(try URI("example.com"))
        XCTAssertThrowsError(try URI("mailto:"))
        XCTAssertThrowsError(try URI(""))
    }

    func testCharactersOutsideTheURIGrammarAreRejected() {
        XCTAssertThrowsError(try URI("http://example.com/a b"))
        XCTAssertThrowsError(try URI("http://example.com/<x>"))
    }
}
