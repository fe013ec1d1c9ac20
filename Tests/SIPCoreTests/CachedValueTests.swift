import XCTest
@testable import SIPCore

/// A line's typed value is parsed once and cached; a single name-addr or Via is cached as
/// its own object. What a caller does with a value it read never shows in the message,
/// and what the message caches is what a later read returns.
final class CachedValueTests: XCTestCase {
    private func message(_ text: String) throws -> SipMessage {
        try SipMessage.parse(Fixtures.crlf(text))
    }

    private let request = """
        REGISTER sip:example.test SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK-1;rport
        From: "Alice" <sip:alice@example.test>;tag=a1
        To: sip:alice@example.test
        Call-ID: c1@192.0.2.7
        CSeq: 5 REGISTER
        Contact: *
        Expires: 0
        Content-Length: 0


        """

    func testChangingAReadNameAddrLeavesTheMessageAsItWas() throws {
        let m = try message(request)
        var from = try m.get(.from)
        from.tag = "changed"
        from.uri = .sip(SipURI(user: "mallory", host: "example.test"))
        XCTAssertEqual(m[.from]?.tag, "a1")
        XCTAssertEqual(m[.from]?.uri.description, "sip:alice@example.test")
        XCTAssertEqual(m.serialize(), Array(Fixtures.crlf(request).utf8), "the message is unchanged")
    }

    func testChangingAReadViaLeavesTheMessageAsItWas() throws {
        let m = try message(request)
        var via = try XCTUnwrap(m.front(.vias))
        via.received = "203.0.113.9"
        via.host = "198.51.100.1"
        XCTAssertNil(m.front(.vias)?.received)
        XCTAssertEqual(m.front(.vias)?.host, "192.0.2.7")
        XCTAssertEqual(via.branch, "z9hG4bK-1", "the copy keeps the rest of the value")
    }

    func testAValueSetIntoTheMessageIsNotChangedByItsOldOwner() throws {
        let m = try message(request)
        var to = NameAddr(uri: .sip(SipURI(user: "bob", host: "example.test")))
        m[.to] = to
        to.tag = "later"
        to.displayName = "Later"
        XCTAssertNil(m[.to]?.tag)
        XCTAssertNil(m[.to]?.displayName)
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("To: <sip:bob@example.test>\r\n"))
    }

    func testFlagsOfACachedNameAddrSurviveARepeatedRead() throws {
        let m = try message(request)
        XCTAssertEqual(m[.contacts].count, 1)
        XCTAssertTrue(m[.contacts][0].isWildcard, "first read parses")
        XCTAssertTrue(m[.contacts][0].isWildcard, "second read comes from the cache")
        XCTAssertFalse(try m.get(.to).usesAngleBrackets)
        XCTAssertFalse(try m.get(.to).usesAngleBrackets)
        XCTAssertTrue(try m.get(.from).usesAngleBrackets)
    }

    func testALineWithSeveralValuesReadsThemAllEachTime() throws {
        let m = try message("""
            INVITE sip:bob@example.test SIP/2.0
            Via: SIP/2.0/UDP a.example.test;branch=z9hG4bK-a, SIP/2.0/TCP b.example.test;branch=z9hG4bK-b
            Route: <sip:p1.example.test;lr>, <sip:p2.example.test;lr>
            Route: <sip:p3.example.test;lr>
            Call-ID: x
            CSeq: 1 INVITE
            Content-Length: 0


            """)
        for _ in 0..<2 {
            XCTAssertEqual(m[.vias].map(\.host), ["a.example.test", "b.example.test"])
            XCTAssertEqual(m[.routes].map { $0.uri.description },
                           ["sip:p1.example.test;lr", "sip:p2.example.test;lr", "sip:p3.example.test;lr"])
        }
        XCTAssertEqual(m.popFront(.routes)?.uri.description, "sip:p1.example.test;lr")
        XCTAssertEqual(m[.routes].count, 2)
        XCTAssertEqual(m.back(.vias)?.transport, "TCP")
    }

    func testCountingValuesReadsEveryLineAndReportsTheFirstBadOne() throws {
        let m = try message("""
            OPTIONS sip:bob@example.test SIP/2.0
            Via: SIP/2.0/UDP a.example.test;branch=z9hG4bK-a, SIP/2.0/TCP b.example.test;branch=z9hG4bK-b
            Route: <sip:p1.example.test;lr>
            Via: SIP/2.0/UDP c.example.test;branch=z9hG4bK-c
            Call-ID: x
            CSeq: 1 OPTIONS
            Content-Length: 0


            """)
        XCTAssertEqual(try m.valueCount(.vias), 3)
        XCTAssertEqual(try m.valueCount(.vias), m[.vias].count, "the same count as the values, from the cache")
        XCTAssertEqual(try m.valueCount(.contacts), 0)
        let bad = try message("""
            OPTIONS sip:bob@example.test SIP/2.0
            Via: SIP/2.0/UDP a.example.test;branch=z9hG4bK-a
            Via: SIP/2.0/UDP c.example.test:99999;branch=z9hG4bK-c
            Call-ID: x
            CSeq: 1 OPTIONS
            Content-Length: 0


            """)
        XCTAssertThrowsError(try bad.valueCount(.vias)) { error in
            XCTAssertEqual((error as? SipParseError)?.header, "Via")
        }
    }

    func testSettingAnEqualValueKeepsTheReceivedBytes() throws {
        let m = try message(request)
        let from = try m.get(.from)
        m[.from] = from
        XCTAssertFalse(m.isDirty, "an unchanged value is not re-encoded")
        var changed = from
        changed.tag = "a2"
        m[.from] = changed
        XCTAssertTrue(m.isDirty)
        XCTAssertEqual(m[.from]?.tag, "a2")
        XCTAssertEqual(from.tag, "a1", "the value read before is its own")
    }

    // MARK: A name-addr and its SIP URI share one object

    func testTheURIReadFromANameAddrIsItsOwnValue() throws {
        let m = try message(request)
        let from = try m.get(.from)
        guard case .sip(var uri) = from.uri else { return XCTFail("expected a SIP URI") }
        uri.user = "mallory"
        uri.parameters["transport"] = "tcp"
        XCTAssertEqual(uri.description, "sip:mallory@example.test;transport=tcp")
        XCTAssertEqual(from.uri.description, "sip:alice@example.test", "the name-addr keeps its URI")
        XCTAssertEqual(m[.from]?.uri.description, "sip:alice@example.test", "and so does the message")
    }

    func testChangingANameAddrLeavesAURIReadFromItAsItWas() throws {
        var from = try message(request).get(.from)
        let uri = from.uri
        from.uri.host = "other.example.test"
        from.tag = "a2"
        XCTAssertEqual(uri.description, "sip:alice@example.test")
        XCTAssertEqual(from.description, "\"Alice\" <sip:alice@other.example.test>;tag=a2")
    }

    func testANameAddrTakesAnyKindOfURIAndBack() throws {
        var to = try message(request).get(.to)
        to.uri = try URI("tel:+1-201-555-0123")
        XCTAssertEqual(to.uri.scheme, "tel")
        XCTAssertNil(to.uri.host)
        XCTAssertEqual(to.description, "tel:+1-201-555-0123", "written as received: without brackets")
        to.uri = try URI("sips:bob@example.test:5061;lr?subject=x")
        XCTAssertEqual(to.uri.description, "sips:bob@example.test:5061;lr?subject=x")
        XCTAssertEqual(to.uri.sipURI?.isSecure, true)
        XCTAssertEqual(try NameAddr("<tel:+1-201-555-0123>;tag=t").uri, try URI("tel:+1-201-555-0123"))
    }

    func testNameAddrsWithEqualPartsAreEqualHoweverTheyWereMade() throws {
        let parsed = try message(request).get(.to)
        let built = NameAddr(uri: .sip(SipURI(user: "alice", host: "example.test")), displayName: nil)
        XCTAssertEqual(parsed.uri, built.uri)
        XCTAssertEqual(parsed.uri.hashValue, built.uri.hashValue)
        var copy = parsed
        copy.usesAngleBrackets = true
        XCTAssertEqual(copy.uri, built.uri)
        XCTAssertNotEqual(copy, parsed, "the bracket flag is part of the value")
    }

    // MARK: Small values cached in the header field itself

    func testANumberReadTwiceAndThenChangedReadsTheNewNumber() throws {
        let m = try message(request)
        XCTAssertEqual(m[.expires], 0)
        XCTAssertEqual(m[.expires], 0, "second read comes from the field")
        m[.expires] = 3600
        XCTAssertEqual(m[.expires], 3600)
        XCTAssertEqual(m[.contentLength], 0)
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("Expires: 3600\r\n"))
    }

    func testANumberTooLargeForTheFieldIsStillRead() throws {
        let m = try message(request)
        m[.expires] = 1 << 40
        XCTAssertEqual(m[.expires], 1 << 40)
        XCTAssertEqual(m[.expires], 1 << 40)
    }

    func testACSeqOfAKnownOrAnExtensionMethodReadsBackWhole() throws {
        let m = try message(request)
        XCTAssertEqual(m[.cSeq], CSeq(5, .register))
        XCTAssertEqual(m[.cSeq], CSeq(5, .register), "second read comes from the field")
        m[.cSeq] = CSeq(6, SipMethod("FOOBAR"))
        XCTAssertEqual(m[.cSeq], CSeq(6, SipMethod("FOOBAR")))
        XCTAssertEqual(m[.cSeq], CSeq(6, SipMethod("FOOBAR")))
        m[.cSeq] = CSeq(7, .invite)
        XCTAssertEqual(m[.cSeq]?.method, .invite)
        XCTAssertEqual(m[.cSeq]?.sequence, 7)
        XCTAssertEqual(m.method, .register, "a request's method is its start line's")
    }

    func testAValueReadWithAnotherTypeDoesNotReadTheCachedOne() throws {
        let m = try message(request)
        XCTAssertEqual(m[.expires], 0)
        let asText = HeaderKey<String>(.expires, parse: { (s: inout ByteScanner) throws(SipParseError) in s.rest() },
                                       write: { v, out in out.append(contentsOf: v.utf8) })
        XCTAssertEqual(m[asText], "0")
        XCTAssertEqual(m[.expires], 0, "reading it as a number again parses it again")
    }
}
