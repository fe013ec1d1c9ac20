import XCTest
@testable import SIPCore

/// Parameter lists read in their plain form (`;name[=value]…`, no white space, quotes or
/// escapes) are kept as text and read by scanning it; they behave exactly as the same
/// list built item by item.
final class PlainParametersTests: XCTestCase {
    private func headerParams(_ text: String) throws -> Parameters {
        var s = ByteScanner(text, header: "test")
        let p = try Parameters.parse(&s)
        try s.expectEnd()
        return p
    }

    /// Whether the list is held as its plain text: a String of its own, or the bytes it was read from.
    private func isText(_ p: Parameters) -> Bool {
        switch p.storage {
        case .text, .received: return true
        case .list: return false
        }
    }

    private func isReadInPlace(_ p: Parameters) -> Bool {
        if case .received = p.storage { return true }
        return false
    }

    func testAListReadFromAMessageIsReadInPlaceAndChangingItLeavesTheMessageAlone() throws {
        let m = try SipMessage.parse(Array(Fixtures.invite.utf8))
        var via = try XCTUnwrap(m.values(.vias).first)
        XCTAssertTrue(isReadInPlace(via.parameters))
        let branch = via.branch
        XCTAssertNotNil(branch)
        via.parameters.set("received", "192.0.2.7")
        XCTAssertFalse(isReadInPlace(via.parameters))
        XCTAssertEqual(via.received, "192.0.2.7")
        XCTAssertEqual(via.branch, branch)
        XCTAssertNil(try XCTUnwrap(m.values(.vias).first).received)
        XCTAssertEqual(m.serialize(), Array(Fixtures.invite.utf8))
    }

    func testPlainHeaderParametersAreKeptAsText() throws {
        let p = try headerParams(";branch=z9hG4bK776asdhds;rport;received=2001:db8::1")
        XCTAssertTrue(isText(p))
        XCTAssertEqual(p["branch"], "z9hG4bK776asdhds")
        XCTAssertEqual(p["RPORT"], "")
        XCTAssertEqual(p["received"], "2001:db8::1")
        XCTAssertNil(p["maddr"])
        XCTAssertEqual(p.count, 3)
        XCTAssertEqual(p.map(\.name), ["branch", "rport", "received"])
        XCTAssertNil(p[1].value)
    }

    func testWhitespaceQuotesOrEmptyValuesAreReadItemByItem() throws {
        XCTAssertFalse(isText(try headerParams("; a=1")))
        XCTAssertFalse(isText(try headerParams(";a=1 ;b")))
        XCTAssertFalse(isText(try headerParams(";a =1")))
        XCTAssertFalse(isText(try headerParams(#";a="x""#)))
        XCTAssertThrowsError(try headerParams(";a="))
        XCTAssertThrowsError(try headerParams(";a=1;"))
    }

    func testTextAndItemListsWithTheSameContentAreEqualAndHashAlike() throws {
        let text = try headerParams(";tag=1928301774;lr")
        let built = Parameters([Parameter(name: "tag", value: "1928301774"), Parameter(name: "lr")])
        XCTAssertTrue(isText(text))
        XCTAssertEqual(text, built)
        XCTAssertEqual(text.hashValue, built.hashValue)
        XCTAssertNotEqual(text, Parameters([Parameter(name: "tag", value: "1928301774")]))
    }

    func testChangingATextListKeepsTheOtherItemsInOrder() throws {
        var p = try headerParams(";a=1;b=2;c")
        p["b"] = "two"
        XCTAssertEqual(p.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(p["b"], "two")
        XCTAssertTrue(p.remove("A"))
        XCTAssertFalse(p.remove("zz"))
        p.append(Parameter(name: "d", value: "4"))
        var out: [UInt8] = []
        p.write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ";b=two;c;d=4")
    }

    func testTextIsWrittenBackAsReceived() throws {
        var out: [UInt8] = []
        try headerParams(";Tag=abc;LR;x=[::1]").write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ";Tag=abc;LR;x=[::1]")
    }

    func testListStopsWhereParseStops() throws {
        var s = ByteScanner(";tag=1 , <sip:b@h>", header: "test")
        let p = try Parameters.parse(&s)
        XCTAssertEqual(p["tag"], "1")
        XCTAssertEqual(s.peek(), UInt8(ascii: ","))
    }

    func testPlainURIParametersAreTextAndEscapedOnesAreNot() throws {
        let plain = try SipURI("sip:proxy.example.com;lr;transport=tcp;x=")
        XCTAssertTrue(isText(plain.parameters))
        XCTAssertTrue(plain.lr)
        XCTAssertEqual(plain.transport, "tcp")
        XCTAssertEqual(plain.parameters["x"], "")
        XCTAssertEqual(plain.description, "sip:proxy.example.com;lr;transport=tcp;x=")

        let escaped = try SipURI("sip:h.example.com;a%3Db=c%20d;lr")
        XCTAssertFalse(isText(escaped.parameters))
        XCTAssertEqual(escaped.parameters["a=b"], "c d")
        XCTAssertEqual(escaped.description, "sip:h.example.com;a%3Db=c%20d;lr")

        let escapedLater = try SipURI("sip:h.example.com;lr;x=1%202")
        XCTAssertFalse(isText(escapedLater.parameters))
        XCTAssertEqual(escapedLater.parameters["x"], "1 2")
        XCTAssertTrue(escapedLater.lr)
    }

    func testURIEqualityReadsTextParameters() throws {
        XCTAssertEqual(try SipURI("sip:a@h.example.com;transport=TCP;lr"), try SipURI("sip:a@H.example.com;lr;transport=tcp"))
        XCTAssertNotEqual(try SipURI("sip:a@h.example.com;transport=udp"), try SipURI("sip:a@h.example.com;transport=tcp"))
    }

    func testNameAddrTagAndURIParametersFromAMessage() throws {
        let m = try SipMessage.parse(Array(Fixtures.invite.utf8))
        let from = try m.get(.from)
        XCTAssertNotNil(from.tag)
        XCTAssertTrue(isText(from.parameters))
        var copy = from
        copy.tag = "changed"
        XCTAssertEqual(copy.tag, "changed")
        XCTAssertNotEqual(from.tag, "changed")
    }
    func testSettingOrRemovingPlainValuesKeepsTheListAsText() throws {
        var p = try headerParams(";branch=z9hG4bK-1;RPORT;x")
        p.set("rport", "5060")
        p.set("received", "2001:db8::1")
        XCTAssertTrue(isText(p))
        var out: [UInt8] = []
        p.write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ";branch=z9hG4bK-1;RPORT=5060;x;received=2001:db8::1")
        p.setFlag("branch")
        XCTAssertTrue(p.remove("x"))
        out = []
        p.write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ";branch;RPORT=5060;received=2001:db8::1")
        for name in ["branch", "rport", "received"] { XCTAssertTrue(p.remove(name)) }
        XCTAssertTrue(p.isEmpty)
        XCTAssertFalse(isText(p))
    }

    func testRemovingFromAListReadInPlaceLeavesTheMessageAlone() throws {
        let m = try SipMessage.parse(Array(Fixtures.invite.utf8))
        var via = try XCTUnwrap(m.values(.vias).first)
        XCTAssertTrue(isReadInPlace(via.parameters))
        XCTAssertFalse(via.parameters.remove("nonexistent"))
        XCTAssertTrue(isReadInPlace(via.parameters), "nothing removed, nothing copied")
        XCTAssertTrue(via.parameters.remove("BRANCH"))
        XCTAssertNil(via.branch)
        XCTAssertNotNil(try XCTUnwrap(m.values(.vias).first).branch)
        XCTAssertEqual(m.serialize(), Array(Fixtures.invite.utf8))
    }

    func testValueBytesAreReadInPlaceFromEveryForm() throws {
        func value(_ p: Parameters, _ name: String) -> String? {
            p.withValueBytes(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
        let text = try headerParams(";branch=z9hG4bK-1;rport;Tag=9")
        var built = Parameters()
        built.set("branch", "z9hG4bK-1")
        built.setFlag("rport")
        built.set("Tag", "9", quoted: true)
        for p in [text, built] {
            XCTAssertEqual(value(p, "branch"), "z9hG4bK-1")
            XCTAssertEqual(value(p, "RPORT"), "", "a flag has an empty value")
            XCTAssertEqual(value(p, "tag"), "9")
            XCTAssertNil(value(p, "received"))
        }
    }

    func testTwoParametersSetInOneChangeMatchTwoChanges() throws {
        func text(_ p: Parameters) -> String {
            var out: [UInt8] = []
            p.write(to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let cases: [(String, String)] = [
            (";branch=z9hG4bK-1;rport", ";branch=z9hG4bK-1;rport=5061;received=192.0.2.9"),  // one found, one added
            (";received=10.0.0.1;x;RPORT", ";received=192.0.2.9;x;RPORT=5061"),  // both found, in the other order
            (";branch=z9hG4bK-1", ";branch=z9hG4bK-1;rport=5061;received=192.0.2.9"),  // neither found
            ("", ";rport=5061;received=192.0.2.9"),
        ]
        for (input, expected) in cases {
            var once = input.isEmpty ? Parameters() : try headerParams(input)
            once.set(("rport", "5061"), ("received", "192.0.2.9"))
            var twice = input.isEmpty ? Parameters() : try headerParams(input)
            twice.set("rport", "5061")
            twice.set("received", "192.0.2.9")
            XCTAssertEqual(text(once), expected, input)
            XCTAssertEqual(text(once), text(twice), input)
            XCTAssertEqual(once, twice, input)
        }
        // A value that needs quoting, or the same name twice, falls back to two changes.
        var quoted = try headerParams(";a=1")
        quoted.set(("b", "x y"), ("c", "2"))
        XCTAssertEqual(quoted["b"], "x y")
        XCTAssertEqual(quoted["c"], "2")
        var same = try headerParams(";a=1")
        same.set(("b", "1"), ("B", "2"))
        XCTAssertEqual(text(same), ";a=1;b=2")
    }

    func testValuesThatNeedQuotesOrEscapesMakeTheListItemByItem() throws {
        for value in ["a b", "a\"b", "50%", "a/b", ""] {
            var p = try headerParams(";tag=1")
            p.set("x", value)
            XCTAssertFalse(isText(p), value)
            XCTAssertEqual(p["x"], value)
            XCTAssertEqual(p["tag"], "1")
        }
        var q = try headerParams(";tag=1")
        q.set("x", "plain", quoted: true)
        XCTAssertFalse(isText(q))
        XCTAssertTrue(q[1].quoted)
    }
}
