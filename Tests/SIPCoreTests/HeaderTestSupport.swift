import XCTest
@testable import SIPCore

/// Shared checks for the typed-header tests.
enum HeaderTestSupport {
    /// A request carrying `headers` (one "Name: value" per element) and an optional body.
    static func message(_ headers: [String], body: String = "") throws -> SipMessage {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
        text += "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
        text += "Call-ID: 1@192.0.2.1\r\nCSeq: 1 OPTIONS\r\n"
        for h in headers { text += h + "\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        return try SipMessage.parse(text)
    }
}

/// Asserts that `expression` throws a `SipParseError` of `kind` naming `header`.
func XCTAssertParseError<T>(_ expression: @autoclosure () throws -> T, header: String?,
                            kind: SipParseError.Kind = .badHeaderValue,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { e in
        guard let err = e as? SipParseError else {
            return XCTFail("expected a SipParseError, got \(e)", file: file, line: line)
        }
        XCTAssertEqual(err.kind, kind, "\(err)", file: file, line: line)
        XCTAssertEqual(err.header, header, "\(err)", file: file, line: line)
    }
}

/// Asserts that writing `value` and parsing the text back gives `value`.
func XCTAssertRoundTrips<T: SipHeaderValue>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
    var s = ByteScanner(value.headerText)
    do {
        let back = try T.parse(&s)
        try s.expectEnd()
        XCTAssertEqual(back, value, "\(value.headerText)", file: file, line: line)
    } catch {
        XCTFail("\(value.headerText) did not parse back: \(error)", file: file, line: line)
    }
}
