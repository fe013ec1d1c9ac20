import XCTest
@testable import SIPCore

/// Every kind of `SipParseError` is reachable from real input, and its offset
/// points at the offending byte (of the message, or of the header value for typed reads).
final class ParseErrorTests: XCTestCase {
    private func error(_ text: String, limits: ParseLimits = .default,
                       file: StaticString = #filePath, line: UInt = #line) -> SipParseError? {
        do {
            _ = try SipMessage.parse(text, limits: limits)
            XCTFail("parsed: \(text.debugDescription)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertError(_ text: String, _ kind: SipParseError.Kind, at offset: Int, limits: ParseLimits = .default,
                             file: StaticString = #filePath, line: UInt = #line) {
        let e = error(text, limits: limits, file: file, line: line)
        XCTAssertEqual(e?.kind, kind, text.debugDescription, file: file, line: line)
        XCTAssertEqual(e?.offset, offset, text.debugDescription, file: file, line: line)
    }

    private let request = "OPTIONS sip:a@example.com SIP/2.0\r\n"  // 35 bytes

    // MARK: message-level kinds

    func testEmptyInputIsAnEmptyMessage() {
        assertError("", .emptyMessage, at: 0)
        assertError("\r\n\r\n", .emptyMessage, at: 0)
    }

    func testRequestLineWithoutURIIsABadStartLine() {
        assertError("INVITE\r\n\r\n", .badStartLine, at: 6)
    }

    func testDoubleSpaceInRequestLineIsABadStartLine() {
        assertError("INVITE  sip:a@b SIP/2.0\r\n\r\n", .badStartLine, at: 7)
    }

    func testRequestLineWithoutVersionIsABadStartLine() {
        assertError("INVITE sip:a@b\r\n\r\n", .badStartLine, at: 14)
    }

    func testNonTokenMethodIsABadStartLine() {
        assertError("INV(TE sip:a@b SIP/2.0\r\n\r\n", .badStartLine, at: 3)
    }

    func testNonNumericStatusCodeIsABadStartLine() {
        assertError("SIP/2.0 2x0 OK\r\n\r\n", .badStartLine, at: 9)
    }

    func testStatusCodeOutOfRangeIsABadStartLine() {
        assertError("SIP/2.0 099 Odd\r\n\r\n", .badStartLine, at: 8)
        assertError("SIP/2.0 700 Odd\r\n\r\n", .badStartLine, at: 8)
    }

    func testStatusCodeRunningIntoTheReasonIsABadStartLine() {
        assertError("SIP/2.0 200OK\r\n\r\n", .badStartLine, at: 11)
    }

    func testShortStatusLineIsRejected() {
        XCTAssertNotNil(error("SIP/2.0 20\r\n\r\n"))
    }

    func testOtherVersionInARequestIsUnsupported() {
        assertError("INVITE sip:a@b SIP/3.0\r\n\r\n", .unsupportedVersion, at: 15)
    }

    func testOtherVersionInAResponseIsUnsupported() {
        assertError("SIP/3.0 200 OK\r\n\r\n", .unsupportedVersion, at: 0)
    }

    func testHeaderLineWithoutColonIsABadHeaderLine() {
        assertError(request + "No colon here\r\n\r\n", .badHeaderLine, at: 35)
    }

    func testHeaderNameWithSpaceIsABadHeaderLine() {
        assertError(request + "Bad Name: x\r\n\r\n", .badHeaderLine, at: 38)
    }

    func testEmptyHeaderNameIsABadHeaderLine() {
        assertError(request + ": x\r\n\r\n", .badHeaderLine, at: 35)
    }

    func testContinuationBeforeAnyHeaderIsABadHeaderLine() {
        assertError(request + " folded: x\r\n\r\n", .badHeaderLine, at: 35)
    }

    func testNonDigitContentLengthIsABadContentLength() {
        assertError(request + "Content-Length: 1a\r\n\r\n", .badContentLength, at: 52)
    }

    func testNegativeContentLengthIsABadContentLength() {
        assertError(request + "l: -1\r\n\r\n", .badContentLength, at: 38)
    }

    func testTenDigitContentLengthIsABadContentLength() {
        assertError(request + "Content-Length: 1234567890\r\n\r\n", .badContentLength, at: 51)
    }

    func testContentLengthBeyondTheReceivedBytesIsABadContentLength() {
        assertError(request + "Content-Length: 10\r\n\r\nshort", .badContentLength, at: 57)
    }

    func testConflictingContentLengthsAreABadContentLength() {
        assertError(request + "Content-Length: 0\r\nl: 3\r\n\r\nabc", .badContentLength, at: 54)
    }

    func testRepeatedEqualContentLengthsAreAccepted() throws {
        let m = try SipMessage.parse(request + "Content-Length: 3\r\nl: 3\r\n\r\nabc")
        XCTAssertEqual(m.body, Array("abc".utf8))
        XCTAssertEqual(m[.contentLength], 3)
    }

    func testMissingLineBreakAfterStartLineIsIncomplete() {
        assertError("OPTIONS sip:a@example.com SIP/2.0", .incompleteMessage, at: 0)
    }

    func testHeadersWithoutTheEmptyLineAreIncomplete() {
        assertError(request + "Max-Forwards: 70\r\n", .incompleteMessage, at: 53)
    }

    func testLeadingLineBreaksCountInOffsets() {
        assertError("\r\n\r\nINVITE\r\n\r\n", .badStartLine, at: 10)
    }

    // MARK: limits

    func testMessageLargerThanTheLimitIsRejectedFirst() {
        var limits = ParseLimits()
        limits.maxMessageSize = 100
        let text = request + "Content-Length: 0\r\n\r\n"
        XCTAssertNoThrow(try SipMessage.parse(text + String(repeating: "x", count: 100 - text.utf8.count), limits: limits))
        assertError(text + String(repeating: "x", count: 101 - text.utf8.count), .messageTooLarge, at: 100, limits: limits)
        assertError(String(repeating: "\u{0}", count: 101), .messageTooLarge, at: 100, limits: limits)
    }

    func testMoreHeaderLinesThanTheLimitAreRejected() {
        var limits = ParseLimits()
        limits.maxHeaderCount = 3
        let three = request + "A: 1\r\nB: 2\r\nC: 3\r\n"
        XCTAssertNoThrow(try SipMessage.parse(three + "\r\n", limits: limits))
        assertError(three + "D: 4\r\n\r\n", .tooManyHeaders, at: three.utf8.count, limits: limits)
    }

    func testHeaderLineLongerThanTheLimitIsRejected() {
        var limits = ParseLimits()
        limits.maxHeaderLineLength = 20
        let fits = "Subject: 0123456789\r\n"  // 21 bytes with CRLF
        XCTAssertEqual(error(request + fits + "\r\n", limits: limits)?.kind, .headerLineTooLong)
        XCTAssertNoThrow(try SipMessage.parse(request + "Subject: 012345678\r\n\r\n", limits: limits))
        assertError(request + "A: 1\r\n" + fits + "\r\n", .headerLineTooLong, at: 41, limits: limits)
    }

    func testFoldedContinuationsCountTowardsTheLineLimit() {
        var limits = ParseLimits()
        limits.maxHeaderLineLength = 30
        let folded = "Subject: 0123456789\r\n 0123456789\r\n"  // 34 bytes over two lines
        assertError(request + folded + "\r\n", .headerLineTooLong, at: 35 + 21, limits: limits)
    }

    func testBodyLargerThanTheLimitIsRejected() {
        var limits = ParseLimits()
        limits.maxBodySize = 10
        let head = request + "Content-Length: 11\r\n\r\n"
        assertError(head + "01234567890", .bodyTooLarge, at: head.utf8.count, limits: limits)
        XCTAssertNoThrow(try SipMessage.parse(request + "Content-Length: 10\r\n\r\n0123456789", limits: limits))
    }

    func testBodyWithoutContentLengthLargerThanTheLimitIsRejected() {
        var limits = ParseLimits()
        limits.maxBodySize = 10
        assertError(request + "\r\n01234567890", .bodyTooLarge, at: 37, limits: limits)
        XCTAssertNoThrow(try SipMessage.parse(request + "\r\n0123456789", limits: limits))
    }

    func testContentLengthBeyondTheBodyLimitIsRejectedBeforeLookingForTheBody() {
        var limits = ParseLimits()
        limits.maxBodySize = 10
        XCTAssertEqual(error(request + "Content-Length: 99999999\r\n\r\n", limits: limits)?.kind, .bodyTooLarge)
    }

    // MARK: typed-read kinds

    func testAbsentHeaderIsAMissingHeader() throws {
        let m = try SipMessage.parse(request + "\r\n")
        XCTAssertThrowsError(try m.get(.cSeq)) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .missingHeader)
            XCTAssertEqual((e as? SipParseError)?.header, "CSeq")
        }
    }

    func testMalformedValueIsABadHeaderValueWithAnOffsetIntoTheValue() throws {
        let m = try SipMessage.parse(request + "CSeq: 1 INVITE x\r\n\r\n")
        XCTAssertThrowsError(try m.get(.cSeq)) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badHeaderValue)
            XCTAssertEqual((e as? SipParseError)?.offset, 9)
        }
    }

    func testBadViaNamesTheViaHeader() throws {
        let m = try SipMessage.parse(request + "v: SIP/2.0 host\r\n\r\n")
        XCTAssertThrowsError(try m.values(.vias)) { e in
            XCTAssertEqual((e as? SipParseError)?.header, "Via")
            XCTAssertEqual((e as? SipParseError)?.offset, 8)
        }
    }

    func testMalformedRequestURIIsABadURI() throws {
        let m = try SipMessage.parse("INVITE sip:@example.com SIP/2.0\r\n\r\n")
        XCTAssertNil(m.requestURI)
        XCTAssertThrowsError(try m.parsedRequestURI()) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badURI)
            XCTAssertEqual((e as? SipParseError)?.offset, 4)
            XCTAssertEqual((e as? SipParseError)?.header, "Request-URI")
        }
    }

    func testTrailingGarbageInARequestURIIsABadURI() throws {
        let m = try SipMessage.parse("INVITE sip:a@example.com>x SIP/2.0\r\n\r\n")
        XCTAssertThrowsError(try m.parsedRequestURI()) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badURI)
            XCTAssertEqual((e as? SipParseError)?.offset, 17)
        }
    }

    func testMalformedURIInANameAddrIsABadURI() throws {
        let m = try SipMessage.parse(request + "To: <sip:a@example.com:99999>\r\n\r\n")
        XCTAssertThrowsError(try m.get(.to)) { e in XCTAssertEqual((e as? SipParseError)?.kind, .badURI) }
    }

    // MARK: descriptions

    func testErrorDescriptionNamesHeaderAndOffset() {
        let e = SipParseError(.badHeaderValue, at: 3, "expected a number", header: "CSeq")
        XCTAssertEqual(e.description, "CSeq: expected a number (at byte 3)")
    }

    func testReasonPhraseHasNoLineBreaksAndIsShort() {
        let e = SipParseError(.badHeaderValue, "bad\r\nVia: injected" + String(repeating: "x", count: 500), header: "To")
        XCTAssertFalse(e.reasonPhrase.contains("\r"))
        XCTAssertFalse(e.reasonPhrase.contains("\n"))
        XCTAssertLessThanOrEqual(e.reasonPhrase.count, 120)
    }
}
