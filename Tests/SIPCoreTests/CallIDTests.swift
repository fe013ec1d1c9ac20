import XCTest
@testable import SIPCore

/// Call-ID = word [ "@" word ] (RFC 3261 §20.8, §25.1).
final class CallIDTests: XCTestCase {
    private func callID(_ value: String) throws -> String {
        try SipMessage.parse("OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: \(value)\r\n\r\n").get(.callID)
    }

    func testWordAtHostIsRead() throws {
        XCTAssertEqual(try callID("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com"), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com")
    }

    func testWordCharactersAreAccepted() throws {
        XCTAssertEqual(try callID(#"a.b!%*_+`'~()<>:\"/[]?{}"#), #"a.b!%*_+`'~()<>:\"/[]?{}"#)
    }

    func testCompactFormIsRead() throws {
        XCTAssertEqual(try SipMessage.parse("OPTIONS sip:a@b SIP/2.0\r\ni: abc\r\n\r\n")[.callID], "abc")
    }

    func testWhiteSpaceInsideIsAnError() {
        XCTAssertThrowsError(try callID("abc def"))
    }

    func testEmptyIsAnError() {
        XCTAssertThrowsError(try callID(""))
    }

    func testCharactersOutsideWordAreAnError() {
        XCTAssertThrowsError(try callID("abc;def"))
        XCTAssertThrowsError(try callID("abc,def"))
        XCTAssertThrowsError(try callID("abcé"))
    }
}
