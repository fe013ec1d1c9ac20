import XCTest
@testable import SIPCore

/// Answering a request that failed to parse with a 400 (RFC 3261 §8.2.6, §21.4.1),
/// from the Via, From, To, Call-ID and CSeq lines the error carries.
final class ReplyContextTests: XCTestCase {
    private let broken = Fixtures.crlf("""
    INVITE sip:bob@biloxi.example.com SIP/2.0
    Via: SIP/2.0/UDP proxy.atlanta.example.com;branch=z9hG4bK2d4790.1
    Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK74bf9;received=192.0.2.101
    Max-Forwards: 70
    To: Bob <sip:bob@biloxi.example.com>
    From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
    Call-ID: 3848276298220188511@atlanta.example.com
    CSeq: 1 INVITE
    This line is broken
    Content-Length: 0


    """)

    private func parseError(_ text: String) -> SipParseError? {
        do {
            _ = try SipMessage.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testBrokenRequestCarriesAReplyContext() throws {
        let e = try XCTUnwrap(parseError(broken))
        XCTAssertEqual(e.kind, .badHeaderLine)
        let ctx = try XCTUnwrap(e.replyContext)
        XCTAssertEqual(ctx.vias.count, 2)
        XCTAssertEqual(ctx.callID, "3848276298220188511@atlanta.example.com")
        XCTAssertEqual(ctx.cSeq, "1 INVITE")
    }

    func testThe400ParsesAndEchoesViasCallIDAndCSeq() throws {
        let e = try XCTUnwrap(parseError(broken))
        let bytes = try XCTUnwrap(Helper.makeResponse(forUnparsable: e))
        let r = try SipMessage.parse(bytes)
        XCTAssertEqual(r.statusCode, 400)
        XCTAssertEqual(r[.vias].map(\.branch), ["z9hG4bK2d4790.1", "z9hG4bK74bf9"])
        XCTAssertEqual(r[.vias].last?.received, "192.0.2.101")
        XCTAssertEqual(r[.callID], "3848276298220188511@atlanta.example.com")
        XCTAssertEqual(r[.cSeq], CSeq(1, .invite))
        XCTAssertEqual(r[.from]?.tag, "9fxced76sl")
        XCTAssertNotNil(r[.to]?.tag, "the 400 adds a To tag")
        XCTAssertEqual(r[.contentLength], 0)
        XCTAssertTrue(r.reasonPhrase.hasPrefix("Bad Request"), r.reasonPhrase)
    }

    func testAnotherCodeUsesItsStandardReason() throws {
        let e = try XCTUnwrap(parseError(broken))
        let r = try SipMessage.parse(try XCTUnwrap(Helper.makeResponse(forUnparsable: e, code: 413)))
        XCTAssertEqual(r.statusCode, 413)
        XCTAssertEqual(r.reasonPhrase, "Request Entity Too Large")
    }

    func testExistingToTagIsNotDuplicated() throws {
        let text = broken.replacingOccurrences(of: "To: Bob <sip:bob@biloxi.example.com>",
                                               with: "To: Bob <sip:bob@biloxi.example.com>;tag=abc")
        let r = try SipMessage.parse(try XCTUnwrap(Helper.makeResponse(forUnparsable: try XCTUnwrap(parseError(text)))))
        XCTAssertEqual(r[.to]?.tag, "abc")
        XCTAssertEqual(r[.to]?.parameters.count, 1)
    }

    func testExistingToTagInAnotherCaseIsNotDuplicated() throws {
        let text = broken.replacingOccurrences(of: "To: Bob <sip:bob@biloxi.example.com>",
                                               with: "To: Bob <sip:bob@biloxi.example.com> ; TAG=abc")
        let r = try SipMessage.parse(try XCTUnwrap(Helper.makeResponse(forUnparsable: try XCTUnwrap(parseError(text)))))
        XCTAssertEqual(r[.to]?.tag, "abc")
        XCTAssertEqual(r[.to]?.parameters.count, 1)
    }

    func testCompactFormsAreRecognised() throws {
        let text = broken.replacingOccurrences(of: "\r\nVia:", with: "\r\nv:")
            .replacingOccurrences(of: "\r\nCall-ID:", with: "\r\ni:")
            .replacingOccurrences(of: "\r\nTo:", with: "\r\nt:")
            .replacingOccurrences(of: "\r\nFrom:", with: "\r\nf:")
        let ctx = try XCTUnwrap(parseError(text)?.replyContext)
        XCTAssertEqual(ctx.vias.count, 2)
        XCTAssertEqual(ctx.to, "Bob <sip:bob@biloxi.example.com>")
    }

    func testFoldedViaIsEchoedWhole() throws {
        let text = broken.replacingOccurrences(of: "proxy.atlanta.example.com;branch", with: "proxy.atlanta.example.com\r\n ;branch")
        let e = try XCTUnwrap(parseError(text))
        let r = try SipMessage.parse(try XCTUnwrap(Helper.makeResponse(forUnparsable: e)))
        XCTAssertEqual(r[.vias].first?.branch, "z9hG4bK2d4790.1")
    }

    func testMissingCallIDMeansNoReply() throws {
        let text = broken.replacingOccurrences(of: "Call-ID: 3848276298220188511@atlanta.example.com\r\n", with: "")
        let e = try XCTUnwrap(parseError(text))
        XCTAssertNil(e.replyContext)
        XCTAssertNil(Helper.makeResponse(forUnparsable: e))
    }

    func testBrokenResponseHasNoReplyContext() throws {
        let text = Corpus.ringingWithRecordRoute.replacingOccurrences(of: "CSeq: 1 INVITE\r\n", with: "CSeq: 1 INVITE\r\nbroken\r\n")
        XCTAssertNil(try XCTUnwrap(parseError(text)).replyContext)
    }

    func testHeadersAfterTheEmptyLineAreNotUsed() throws {
        let text = broken.replacingOccurrences(of: "Call-ID: 3848276298220188511@atlanta.example.com\r\n", with: "")
            + "Call-ID: in-the-body\r\n"
        XCTAssertNil(parseError(text)?.replyContext)
    }

    func testValuesWithControlCharactersAreNotEchoed() throws {
        let text = broken.replacingOccurrences(of: "CSeq: 1 INVITE", with: "CSeq: 1 INVITE\u{0}\u{7}")
        XCTAssertNil(parseError(text)?.replyContext)
    }

    func testEveryMessageLevelErrorOfARequestCarriesAContext() throws {
        var limits = ParseLimits()
        limits.maxHeaderCount = 5
        do {
            _ = try SipMessage.parse(broken, limits: limits)
            XCTFail("parsed")
        } catch {
            XCTAssertEqual(error.kind, .tooManyHeaders)
            XCTAssertNotNil(error.replyContext)
        }
    }
}
