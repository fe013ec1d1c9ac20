import XCTest
@testable import SIPCore

/// Framing SIP messages on a stream (RFC 3261 §18.3) and keep-alives (RFC 5626 §3.5.1).
final class StreamFramerTests: XCTestCase {
    private let first = Array(Corpus.inviteWithSDP.utf8)
    private let second = Array(Corpus.ringingWithRecordRoute.utf8)

    /// Every item the framer yields for `chunks`, appended one after another.
    private func items(_ chunks: [[UInt8]], limits: ParseLimits = .default) throws -> [StreamFramer.Item] {
        var f = StreamFramer(limits: limits)
        var out: [StreamFramer.Item] = []
        for c in chunks {
            f.append(c)
            while let item = try f.next() { out.append(item) }
        }
        return out
    }

    private func frameError(_ bytes: [UInt8], limits: ParseLimits = .default) -> SipParseError? {
        var f = StreamFramer(limits: limits)
        f.append(bytes)
        do {
            while try f.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    func testOneWholeMessageIsFramed() throws {
        XCTAssertEqual(try items([first]), [.message(first)])
    }

    func testTwoConcatenatedMessagesAreFramedSeparately() throws {
        XCTAssertEqual(try items([first + second]), [.message(first), .message(second)])
    }

    func testEverySplitPointOfTwoConcatenatedMessagesFramesTheSame() throws {
        let both = first + second
        for cut in 0...both.count {
            XCTAssertEqual(try items([Array(both[..<cut]), Array(both[cut...])]), [.message(first), .message(second)],
                           "split at \(cut)")
        }
    }

    func testByteByByteDeliveryFramesTheSame() throws {
        XCTAssertEqual(try items((first + second).map { [$0] }), [.message(first), .message(second)])
    }

    func testNothingIsFramedUntilTheHeadersEnd() throws {
        var f = StreamFramer()
        f.append(first.prefix(40))
        XCTAssertNil(try f.next())
        XCTAssertEqual(f.bufferedCount, 40)
    }

    func testBodySplitAcrossAppendsIsWaitedFor() throws {
        let headerEnd = Corpus.inviteWithSDP.utf8.count - Corpus.sdp.utf8.count
        var f = StreamFramer()
        f.append(first[..<(headerEnd + 10)])
        XCTAssertNil(try f.next())
        f.append(first[(headerEnd + 10)..<(headerEnd + 20)])
        XCTAssertNil(try f.next())
        f.append(first[(headerEnd + 20)...])
        XCTAssertEqual(try f.next(), .message(first))
        XCTAssertEqual(f.bufferedCount, 0)
    }

    func testFramedMessagesParse() throws {
        for case .message(let bytes) in try items([first + second]) {
            XCTAssertNoThrow(try SipMessage.parse(bytes))
        }
    }

    func testCompactContentLengthIsHonoured() throws {
        let m = Array(Corpus.compactForms.utf8)
        XCTAssertEqual(try items([m + m]), [.message(m), .message(m)])
    }

    func testContentLengthNameIsCaseInsensitive() throws {
        let m = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nCONTENT-LENGTH : 3\n\n").utf8) + Array("abc".utf8)
        XCTAssertEqual(try items([m]), [.message(m)])
    }

    func testFoldedContentLengthIsHonoured() throws {
        let m = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length:\r\n  2\r\n\r\nab".utf8)
        XCTAssertEqual(try items([m + m]), [.message(m), .message(m)])
    }

    // MARK: keep-alives

    func testDoubleCRLFIsAPing() throws {
        XCTAssertEqual(try items([Array("\r\n\r\n".utf8)]), [.ping])
    }

    func testPingSplitInTwoIsStillAPing() throws {
        XCTAssertEqual(try items([Array("\r\n".utf8), Array("\r\n".utf8)]), [.ping])
    }

    func testLoneCRLFWaitsBecauseItMayBecomeAPing() throws {
        XCTAssertEqual(try items([Array("\r\n".utf8)]), [])
        XCTAssertEqual(try items([Array("\r\n\r".utf8)]), [])
    }

    func testCRLFBeforeAMessageIsAPong() throws {
        XCTAssertEqual(try items([Array("\r\n".utf8) + first]), [.pong, .message(first)])
    }

    func testPingsBetweenMessagesAreReported() throws {
        let crlf2 = Array("\r\n\r\n".utf8)
        XCTAssertEqual(try items([crlf2 + first + crlf2 + crlf2 + second]),
                       [.ping, .message(first), .ping, .ping, .message(second)])
    }

    func testBareLineFeedIsAPong() throws {
        XCTAssertEqual(try items([Array("\n".utf8) + first]), [.pong, .message(first)])
    }

    func testCRFollowedByAnythingButLFIsAnError() {
        XCTAssertEqual(frameError(Array("\rINVITE".utf8))?.kind, .badStartLine)
        XCTAssertEqual(frameError(Array("\r\n\rX".utf8))?.kind, .badStartLine)
    }

    // MARK: errors

    func testMissingContentLengthIsAnError() {
        let m = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nMax-Forwards: 70\n\n").utf8)
        let e = frameError(m)
        XCTAssertEqual(e?.kind, .badContentLength)
        XCTAssertEqual(e?.header, "Content-Length")
    }

    func testMalformedContentLengthIsAnError() {
        for value in ["abc", "-1", "1 2", "", "1234567890", "0x10"] {
            let m = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: \(value)\n\n").utf8)
            XCTAssertEqual(frameError(m)?.kind, .badContentLength, value)
        }
    }

    func testConflictingContentLengthsAreAnError() {
        let m = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\nl: 3\r\n\r\nabc".utf8)
        XCTAssertEqual(frameError(m)?.kind, .badContentLength)
    }

    func testErrorOffsetCountsFromTheStartOfTheMessage() throws {
        let bad = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: x\n\n").utf8)
        var f = StreamFramer()
        f.append(first + bad)
        XCTAssertEqual(try f.next(), .message(first))
        XCTAssertThrowsError(try f.next()) { e in
            XCTAssertEqual((e as? SipParseError)?.offset, 41, "the offset of the 'x' within its message")
        }
    }

    func testHeaderBlockLargerThanTheLimitIsAnError() {
        var limits = ParseLimits()
        limits.maxMessageSize = 200
        let endless = Array("OPTIONS sip:a@b SIP/2.0\r\n".utf8) + Array(repeating: UInt8(ascii: "X"), count: 300)
        XCTAssertEqual(frameError(endless, limits: limits)?.kind, .messageTooLarge)
    }

    func testHeaderBlockWithinTheLimitWaits() throws {
        var limits = ParseLimits()
        limits.maxMessageSize = 200
        XCTAssertEqual(try items([Array("OPTIONS sip:a@b SIP/2.0\r\nX: ".utf8) + Array(repeating: UInt8(ascii: "X"), count: 150)],
                                 limits: limits), [])
    }

    func testBodyLargerThanTheLimitIsAnErrorBeforeItArrives() {
        var limits = ParseLimits()
        limits.maxBodySize = 100
        let m = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: 101\n\n").utf8)
        XCTAssertEqual(frameError(m, limits: limits)?.kind, .bodyTooLarge)
    }

    func testMessageLargerThanTheLimitIsAnErrorBeforeItArrives() {
        var limits = ParseLimits()
        limits.maxMessageSize = 100
        let m = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: 90\n\n").utf8)
        XCTAssertEqual(frameError(m, limits: limits)?.kind, .messageTooLarge)
    }

    func testBareLineFeedsFrameAMessageAsTheParserReadsIt() throws {
        // RFC 3261 §7 asks for CRLF; the parser also takes bare LFs, and so does the framer.
        let m = Array("OPTIONS sip:a@b SIP/2.0\nContent-Length: 2\n\nhi".utf8)
        XCTAssertEqual(try items([m]), [.message(m)])
        XCTAssertEqual(try SipMessage.parse(m).body, Array("hi".utf8))
    }

    func testHeadersReadInPiecesKeepTheirContentLengthAcrossACompaction() throws {
        // The first message is taken, then the second's headers arrive in pieces while the
        // buffer is compacted: its Content-Length, read from the first piece, still counts.
        let cut = second.count / 2
        var f = StreamFramer()
        f.append(first + second[..<40])
        XCTAssertEqual(try f.next(), .message(first))
        XCTAssertNil(try f.next())
        f.append(second[40..<cut])
        XCTAssertNil(try f.next())
        f.append(second[cut...])
        XCTAssertEqual(try f.next(), .message(second))
        XCTAssertEqual(f.bufferedCount, 0)
    }

    func testFoldedLineIsTakenWholeEvenWhenItsFoldArrivesLater() throws {
        // The line feed before the fold is the last byte of the first piece: the framer waits
        // to see whether the next line continues it.
        let text = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length:\r\n 3\r\n\r\nabc"
        let m = Array(text.utf8)
        let split = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length:\r\n".utf8).count
        XCTAssertEqual(try items([Array(m[..<split]), Array(m[split...])]), [.message(m)])
    }

    func testTheUnframedPrefixIsTheHeadOfTheMessageThatFailed() throws {
        let bad = Array(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\n\n").utf8)
        var f = StreamFramer()
        f.append(first + bad[..<20])
        XCTAssertEqual(try f.next(), .message(first))
        XCTAssertNil(try f.next())
        f.append(bad[20...])
        XCTAssertThrowsError(try f.next())
        XCTAssertEqual(f.unframedPrefix(8192), bad)
        XCTAssertEqual(f.unframedPrefix(7), Array("OPTIONS".utf8))
    }

    func testManySmallMessagesDoNotGrowTheBuffer() throws {
        var f = StreamFramer()
        for _ in 0..<1000 {
            f.append(second)
            XCTAssertEqual(try f.next(), .message(second))
            XCTAssertNil(try f.next())
        }
        XCTAssertEqual(f.bufferedCount, 0)
    }
}
