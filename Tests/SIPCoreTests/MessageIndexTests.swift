import XCTest
@testable import SIPCore

final class MessageIndexTests: XCTestCase {
    func testRequestLineIsIndexedWithMethodAndURI() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        XCTAssertTrue(m.isRequest)
        XCTAssertEqual(m.method, .invite)
        XCTAssertEqual(m.requestURI?.user, "bob")
        XCTAssertEqual(m.requestURI?.host, "biloxi.example.com")
    }

    func testStatusLineIsIndexed() throws {
        let m = try SipMessage.parse(Fixtures.ringing)
        XCTAssertTrue(m.isResponse)
        XCTAssertEqual(m.statusCode, 180)
        XCTAssertEqual(m.reasonPhrase, "Ringing")
        XCTAssertEqual(m.method, .invite, "a response's method is its CSeq method")
    }

    func testExtensionMethodIsAccepted() throws {
        let m = try SipMessage.parse(Fixtures.crlf("FOOBAR sip:x@example.com SIP/2.0\nCall-ID: 1\nContent-Length: 0\n\n"))
        XCTAssertEqual(m.method.name, "FOOBAR")
    }

    /// RFC 3261 §7.1: methods are case-sensitive; every known method is the shared instance,
    /// and the same letters in another case, a prefix or an extension are other methods.
    func testEveryKnownMethodIsRecognisedAndNothingElseIs() throws {
        func method(_ name: String) throws -> SipMethod {
            try SipMessage.parse(Fixtures.crlf("\(name) sip:x@example.com SIP/2.0\nCall-ID: 1\n\n")).method
        }
        let known: [SipMethod] = [.invite, .ack, .bye, .cancel, .options, .register, .prack, .subscribe,
                                  .notify, .publish, .info, .refer, .message, .update]
        for m in known {
            XCTAssertEqual(try method(m.name), m)
            XCTAssertEqual(SipMethod.compactIndex(of: try method(m.name)).map { SipMethod.compact($0) }, m)
            for other in [m.name.lowercased(), String(m.name.dropLast()), m.name + "X", "X" + m.name] {
                XCTAssertEqual(try method(other).name, other)
                XCTAssertNil(SipMethod.compactIndex(of: try method(other)), other)
            }
        }
        XCTAssertEqual(try method("SUBSCRIBEX").name, "SUBSCRIBEX")
        XCTAssertEqual(try method("A").name, "A")
    }

    /// RFC 3261 §7.1: the SIP-Version is case-insensitive; anything but SIP/2.0 is refused.
    func testTheVersionIsReadInAnyCaseAndOnlyAsTwoPointZero() throws {
        for v in ["SIP/2.0", "sip/2.0", "Sip/2.0", "sIP/2.0"] {
            XCTAssertEqual(try SipMessage.parse(Fixtures.crlf("OPTIONS sip:x@example.com \(v)\nCall-ID: 1\n\n")).method,
                           .options, v)
            XCTAssertEqual(try SipMessage.parse(Fixtures.crlf("\(v) 200 OK\nCall-ID: 1\n\n")).statusCode, 200, v)
        }
        // Each byte of "SIP/2.0" changed — also by the 0x20 bit alone, which only letters may differ in.
        let version = Array("SIP/2.0".utf8)
        for i in version.indices {
            for replacement: UInt8 in [version[i] ^ 0x20, version[i] &+ 1, 0x00, 0x7f] where
                !(i < 3 && replacement == version[i] ^ 0x20) {
                var v = version
                v[i] = replacement
                let text = String(decoding: v, as: UTF8.self)
                XCTAssertThrowsError(try SipMessage.parse(Fixtures.crlf("OPTIONS sip:x@example.com \(text)\n\n")), text)
                XCTAssertThrowsError(try SipMessage.parse(Fixtures.crlf("\(text) 200 OK\n\n")), text)
            }
        }
    }

    func testOtherSIPVersionIsRejectedAsUnsupported() {
        XCTAssertThrowsError(try SipMessage.parse(Fixtures.crlf("INVITE sip:x@example.com SIP/3.0\n\n"))) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .unsupportedVersion)
        }
    }

    func testTypedHeadersReadLikeTheReSIProcateAPI() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        XCTAssertEqual(m[.to]?.uri.user, "bob")
        XCTAssertEqual(m[.to]?.displayName, "Bob")
        XCTAssertEqual(m[.from]?.tag, "1928301774")
        XCTAssertEqual(m[.from]?.displayName, "Alice")
        XCTAssertEqual(m[.vias].first?.branch, "z9hG4bK776asdhds")
        XCTAssertEqual(m[.vias].first?.hasRport, true)
        XCTAssertEqual(m[.cSeq]?.sequence, 314159)
        XCTAssertEqual(m[.cSeq]?.method, .invite)
        XCTAssertEqual(m[.callID], "a84b4c76e66710@pc33.atlanta.example.com")
        XCTAssertEqual(m[.maxForwards], 70)
        XCTAssertEqual(m[.routes].count, 2, "a comma-separated Route line holds two values")
        XCTAssertEqual(m[.routes].last?.uri.sipURI?.lr, true)
        XCTAssertEqual(m[.allow], ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"])
        XCTAssertEqual(m[.contentLength], m.bodyCount)
    }

    func testCompactFormsAndFoldedLinesAreHonoured() throws {
        let m = try SipMessage.parse(Fixtures.compactFolded)
        XCTAssertEqual(m[.vias].first?.host, "pc33.atlanta.example.com")
        XCTAssertEqual(m[.to]?.uri.user, "carol")
        XCTAssertEqual(m[.callID], "a84b4c76e66710")
        XCTAssertEqual(m[.contacts].count, 1)
        XCTAssertEqual(m[.supported], ["path"])
        XCTAssertEqual(m[.subject], "a subject that is folded over two lines")
        XCTAssertEqual(m.headerValue(named: "x-custom-header"), "one, two")
    }

    func testRepeatedHeaderLinesKeepTheirOrder() throws {
        let m = try SipMessage.parse(Fixtures.ringing)
        XCTAssertEqual(m[.vias].map(\.host), ["server10.biloxi.example.com", "2001:db8::9:1"])
        XCTAssertEqual(m[.vias][1].port, 5062)
        XCTAssertEqual(m[.vias][1].rport, 5062)
        XCTAssertEqual(m[.recordRoutes].map { $0.uri.host }, ["server10.biloxi.example.com", "bigbox3.site3.atlanta.example.com"])
    }

    func testUntouchedMessageSerializesByteForByte() throws {
        for text in [Fixtures.invite, Fixtures.register, Fixtures.ringing, Fixtures.compactFolded] {
            let m = try SipMessage.parse(text)
            _ = m[.vias]
            _ = m[.to]
            XCTAssertEqual(String(decoding: m.serialize(), as: UTF8.self), text)
        }
    }

    func testModifyingOneHeaderReencodesOnlyThatHeader() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        m[.maxForwards] = (m[.maxForwards] ?? 70) - 1
        let out = String(decoding: m.serialize(), as: UTF8.self)
        XCTAssertEqual(out, Fixtures.invite.replacingOccurrences(of: "Max-Forwards: 70", with: "Max-Forwards: 69"))
    }

    func testCSeqCanBeIncrementedInPlace() throws {
        let m = try SipMessage.parse(Fixtures.register)
        m[.cSeq]?.sequence += 1
        XCTAssertEqual(m[.cSeq]?.sequence, 1827)
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("\r\nCSeq: 1827 REGISTER\r\n"))
    }

    func testPushFrontViaLeavesOtherViasUntouched() throws {
        let m = try SipMessage.parse(Fixtures.ringing)
        m.pushFront(.vias, Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bKnew"))
        XCTAssertEqual(m[.vias].count, 3)
        XCTAssertEqual(m[.vias].first?.branch, "z9hG4bKnew")
        let reparsed = try SipMessage.parse(m.serialize())
        XCTAssertEqual(reparsed[.vias].map(\.branch), ["z9hG4bKnew", "z9hG4bK4b43c2ff8.1", "z9hG4bK77ef4c2312983.1"])
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains(
            "Via: SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK77ef4c2312983.1;received=2001:db8::9:255;rport=5062\r\n"))
    }

    func testPopFrontRouteFromACommaSeparatedLine() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        let top = m.popFront(.routes)
        XCTAssertEqual(top?.uri.host, "p1.example.com")
        XCTAssertEqual(m[.routes].map { $0.uri.host }, ["p2.example.com"])
        XCTAssertEqual(try SipMessage.parse(m.serialize())[.routes].count, 1)
    }

    func testFirstValueReadsOnlyTheTopLine() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        XCTAssertEqual(try m.firstValue(.routes)?.uri.host, "p1.example.com")
        XCTAssertNil(try m.firstValue(.recordRoutes))
        let bad = try SipMessage.parse("OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP ok;branch=z9hG4bK1\r\nVia: nonsense\r\n\r\n")
        XCTAssertEqual(try bad.firstValue(.vias)?.host, "ok", "a bad second line is not read")
        let badTop = try SipMessage.parse("OPTIONS sip:a@example.com SIP/2.0\r\nVia: nonsense\r\n\r\n")
        XCTAssertThrowsError(try badTop.firstValue(.vias))
    }

    func testRemovingAHeader() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        XCTAssertTrue(m.exists(.routes))
        m.remove(.routes)
        XCTAssertFalse(m.exists(.routes))
        XCTAssertFalse(String(decoding: m.serialize(), as: UTF8.self).contains("Route:"))
    }

    func testUnknownHeadersByName() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        try m.addHeader(named: "X-Trace", value: "abc")
        XCTAssertEqual(m.headerValues(named: "x-trace"), ["abc"])
        try m.setHeader(named: "X-Trace", value: "def")
        XCTAssertEqual(m.headerValues(named: "X-TRACE"), ["def"])
        m.removeHeader(named: "x-trace")
        XCTAssertFalse(m.exists(named: "X-Trace"))
        XCTAssertThrowsError(try m.addHeader(named: "Bad Name", value: "x"))
        XCTAssertThrowsError(try m.addHeader(named: "X-Inject", value: "a\r\nVia: evil"))
    }

    func testBodyIsDelimitedByContentLengthAndExtraBytesIgnored() throws {
        let m = try SipMessage.parse(Fixtures.invite + "garbage")
        XCTAssertEqual(String(decoding: m.body, as: UTF8.self), Fixtures.sdp)
        XCTAssertEqual(String(decoding: m.serialize(), as: UTF8.self), Fixtures.invite)
    }

    func testChangingTheBodyRecomputesContentLength() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        m.body = Array("hello".utf8)
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r[.contentLength], 5)
        XCTAssertEqual(r.body, Array("hello".utf8))
    }

    func testMalformedHeaderValueIsNilThroughSubscriptAndTypedErrorThroughGet() throws {
        let m = try SipMessage.parse(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nCSeq: abc OPTIONS\nContent-Length: 0\n\n"))
        XCTAssertNil(m[.cSeq])
        XCTAssertThrowsError(try m.get(.cSeq)) { e in
            let err = e as? SipParseError
            XCTAssertEqual(err?.kind, .badHeaderValue)
            XCTAssertEqual(err?.header, "CSeq")
        }
        XCTAssertThrowsError(try m.get(.callID)) { e in XCTAssertEqual((e as? SipParseError)?.kind, .missingHeader) }
    }
}
