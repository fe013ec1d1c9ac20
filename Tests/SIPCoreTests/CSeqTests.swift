import XCTest
@testable import SIPCore

/// The CSeq header (RFC 3261 §20.16, §8.1.1.5).
final class CSeqTests: XCTestCase {
    private func cseq(_ text: String) throws -> CSeq {
        var s = ByteScanner(text, header: "CSeq")
        let c = try CSeq.parse(&s)
        try s.expectEnd()
        return c
    }

    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try cseq(text), text, file: file, line: line) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badHeaderValue, text, file: file, line: line)
        }
    }

    func testSequenceAndMethodAreRead() throws {
        XCTAssertEqual(try cseq("314159 INVITE"), CSeq(314159, .invite))
    }

    func testExtensionMethodIsKept() throws {
        XCTAssertEqual(try cseq("1 FOOBAR").method.name, "FOOBAR")
    }

    func testEveryKnownMethodIsReadAsItself() throws {
        let known: [SipMethod] = [.invite, .ack, .bye, .cancel, .options, .register, .prack, .subscribe,
                                  .notify, .publish, .info, .refer, .message, .update]
        for m in known {
            XCTAssertEqual(try cseq("7 \(m.name)"), CSeq(7, m))
            XCTAssertNotNil(SipMethod.compactIndex(of: try cseq("7 \(m.name)").method), m.name)
        }
        XCTAssertEqual(try cseq("7 SUBSCRIBES").method.name, "SUBSCRIBES")
    }

    func testMethodIsCaseSensitive() throws {
        XCTAssertNotEqual(try cseq("1 invite").method, .invite)
    }

    func testZeroIsAllowed() throws {
        XCTAssertEqual(try cseq("0 ACK").sequence, 0)
    }

    func testLargestSequenceIsTwoToThe31MinusOne() throws {
        XCTAssertEqual(try cseq("2147483647 INVITE").sequence, 2_147_483_647)
    }

    func testSequenceOfTwoToThe31IsRejected() {
        assertRejected("2147483648 INVITE")
        assertRejected("4294967295 INVITE")
        assertRejected("9999999999 INVITE")
    }

    func testSequenceWithMoreThanTenDigitsIsRejected() {
        assertRejected("12345678901 INVITE")
        assertRejected("99999999999999999999999999999 INVITE")
    }

    func testLeadingZerosAreAllowed() throws {
        XCTAssertEqual(try cseq("0000000001 BYE").sequence, 1)
    }

    func testMissingPartsAreRejected() {
        assertRejected("")
        assertRejected("1")
        assertRejected("INVITE")
        assertRejected("INVITE 1")
    }

    func testNegativeOrNonNumericSequenceIsRejected() {
        assertRejected("-1 INVITE")
        assertRejected("1.5 INVITE")
        assertRejected("x1 INVITE")
    }

    func testSequenceAndMethodMustBeSeparatedByWhitespace() {
        assertRejected("1INVITE")
    }

    func testTrailingGarbageIsRejected() {
        assertRejected("1 INVITE BYE")
        assertRejected("1 INVITE;x")
    }

    func testWhitespaceAroundIsAllowed() throws {
        XCTAssertEqual(try cseq("  7 \t REGISTER  "), CSeq(7, .register))
    }

    func testWritingIsNumberSpaceMethod() {
        XCTAssertEqual(CSeq(2_147_483_647, "NOTIFY").headerText, "2147483647 NOTIFY")
    }

    func testInAMessageABadCSeqIsAnErrorOnGetAndNilOnSubscript() throws {
        let m = try SipMessage.parse(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nCSeq: 2147483648 OPTIONS\nContent-Length: 0\n\n"))
        XCTAssertNil(m[.cSeq])
        XCTAssertThrowsError(try m.get(.cSeq)) { e in XCTAssertEqual((e as? SipParseError)?.header, "CSeq") }
    }
}
