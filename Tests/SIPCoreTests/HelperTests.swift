import XCTest
@testable import SIPCore

/// Building requests and responses (RFC 3261 §8.1.1, §8.2.6, §9.1, §17.1.1.3) and fresh identifiers.
final class HelperTests: XCTestCase {
    private let alice = NameAddr(uri: .sip(SipURI(user: "alice", host: "atlanta.example.com")), displayName: "Alice")
    private let bob = NameAddr(uri: .sip(SipURI(user: "bob", host: "biloxi.example.com")), displayName: "Bob")
    private var bobURI: URI { .sip(SipURI(user: "bob", host: "biloxi.example.com")) }

    private func invite(routes: [String] = []) throws -> SipMessage {
        let m = Helper.makeRequest(method: .invite, target: bobURI, from: alice, to: bob,
                                   contact: NameAddr(uri: try URI("sip:alice@192.0.2.101")),
                                   via: Via(transport: "UDP", host: "192.0.2.101", port: 5060), cseq: 314159)
        if !routes.isEmpty { m[.routes] = try routes.map { try NameAddr($0) } }
        return try SipMessage.parse(m.serialize())
    }

    // MARK: makeRequest

    func testRequestHasTheStartLineAndMandatoryHeaders() throws {
        let m = try invite()
        XCTAssertEqual(m.method, .invite)
        XCTAssertEqual(m.requestURI, bobURI)
        XCTAssertEqual(m[.maxForwards], 70)
        XCTAssertEqual(m[.to]?.uri, bobURI)
        XCTAssertEqual(m[.from]?.displayName, "Alice")
        XCTAssertEqual(m[.cSeq], CSeq(314159, .invite))
        XCTAssertNotNil(m[.callID])
        XCTAssertEqual(m[.contentLength], 0)
        XCTAssertEqual(m[.contacts].first?.uri.host, "192.0.2.101")
    }

    func testRequestGetsAFromTagButNoToTag() throws {
        let m = try invite()
        XCTAssertNotNil(m[.from]?.tag)
        XCTAssertNil(m[.to]?.tag)
    }

    func testAnExistingFromTagIsKept() throws {
        var from = alice
        from.tag = "mine"
        let m = Helper.makeRequest(method: .options, target: bobURI, from: from, to: bob)
        XCTAssertEqual(m[.from]?.tag, "mine")
    }

    func testViaWithoutBranchGetsAnRFC3261Branch() throws {
        let m = try invite()
        XCTAssertEqual(m[.vias].count, 1)
        XCTAssertTrue(m[.vias][0].hasMagicCookie)
        XCTAssertEqual(m[.vias][0].host, "192.0.2.101")
    }

    func testGivenBranchAndCallIDAreKept() throws {
        let m = Helper.makeRequest(method: .options, target: bobURI, from: alice, to: bob,
                                   via: Via(transport: "TCP", host: "h", branch: "z9hG4bKgiven"), callID: "cid-1")
        XCTAssertEqual(m[.vias].first?.branch, "z9hG4bKgiven")
        XCTAssertEqual(m[.callID], "cid-1")
    }

    func testRequestWithoutViaHasNone() {
        XCTAssertFalse(Helper.makeRequest(method: .options, target: bobURI, from: alice, to: bob).exists(.vias))
    }

    func testEachRequestGetsANewCallID() {
        let a = Helper.makeRequest(method: .options, target: bobURI, from: alice, to: bob)
        let b = Helper.makeRequest(method: .options, target: bobURI, from: alice, to: bob)
        XCTAssertNotEqual(a[.callID], b[.callID])
    }

    func testBuiltRequestSerializesToAParsableMessage() throws {
        let m = Helper.makeRequest(method: .invite, target: bobURI, from: alice, to: bob,
                                   via: Via(transport: "UDP", host: "2001:db8::1", port: 5060))
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r[.vias], m[.vias])
        XCTAssertEqual(r[.from], m[.from])
        XCTAssertEqual(r[.to], m[.to])
        XCTAssertEqual(r[.callID], m[.callID])
        XCTAssertEqual(r[.cSeq], m[.cSeq])
        XCTAssertEqual(r.requestURI, m.requestURI)
        XCTAssertTrue(m.description.hasPrefix("INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK"))
    }

    // MARK: makeRegister

    func testRegisterUsesTheAddressOfRecordForToAndFrom() throws {
        let aor = NameAddr(uri: try URI("sip:bob@biloxi.example.com"))
        let m = Helper.makeRegister(registrar: try URI("sip:registrar.biloxi.example.com"), aor: aor,
                                    contact: NameAddr(uri: try URI("sip:bob@192.0.2.4")), expires: 7200)
        XCTAssertEqual(m.method, .register)
        XCTAssertEqual(m.requestURI?.description, "sip:registrar.biloxi.example.com")
        XCTAssertEqual(m[.to]?.uri, aor.uri)
        XCTAssertEqual(m[.from]?.uri, aor.uri)
        XCTAssertNil(m[.to]?.tag)
        XCTAssertNotNil(m[.from]?.tag)
        XCTAssertEqual(m[.expires], 7200)
        XCTAssertEqual(m[.cSeq]?.method, .register)
    }

    func testRegisterWithoutExpiresHasNoExpiresHeader() throws {
        let m = Helper.makeRegister(registrar: try URI("sip:r.example.com"), aor: bob, contact: nil)
        XCTAssertFalse(m.exists(.expires))
        XCTAssertFalse(m.exists(.contacts))
    }

    // MARK: makeResponse

    func testResponseCopiesViasFromToCallIDAndCSeq() throws {
        let req = try SipMessage.parse(Corpus.inviteWithSDP)
        req.pushFront(.vias, Via(transport: "UDP", host: "proxy.example.com", branch: "z9hG4bKp"))
        let r = try SipMessage.parse(Helper.makeResponse(to: req, code: 486).serialize())
        XCTAssertEqual(r.statusCode, 486)
        XCTAssertEqual(r.reasonPhrase, "Busy Here")
        XCTAssertEqual(r[.vias], req[.vias])
        XCTAssertEqual(r[.from], req[.from])
        XCTAssertEqual(r[.to]?.uri, req[.to]?.uri)
        XCTAssertEqual(r[.to]?.displayName, req[.to]?.displayName)
        XCTAssertEqual(r[.callID], req[.callID])
        XCTAssertEqual(r[.cSeq], req[.cSeq])
        XCTAssertEqual(r[.contentLength], 0)
    }

    func testResponseOtherThan100GetsAToTag() throws {
        let req = try invite()
        for code in [180, 183, 200, 302, 404, 486, 503, 603] {
            XCTAssertNotNil(Helper.makeResponse(to: req, code: code)[.to]?.tag, "\(code)")
        }
    }

    func testTryingGetsNoToTag() throws {
        XCTAssertNil(Helper.makeResponse(to: try invite(), code: 100)[.to]?.tag)
    }

    func testGivenToTagIsUsed() throws {
        XCTAssertEqual(Helper.makeResponse(to: try invite(), code: 200, toTag: "dialog1")[.to]?.tag, "dialog1")
    }

    func testExistingToTagIsKept() throws {
        let req = try SipMessage.parse(Corpus.bye)
        XCTAssertEqual(Helper.makeResponse(to: req, code: 200, toTag: "other")[.to]?.tag, "9fxced76sl")
    }

    func testResponseEchoesTheCopiedLinesAsReceived() throws {
        // Compact forms and odd spacing come back byte for byte (§8.2.6.2 copies the values).
        let text = [
            "OPTIONS sip:bob@example.com SIP/2.0",
            "v: SIP/2.0/UDP   192.0.2.1:5060;branch=z9hG4bKcompact;rport",
            "f: Alice <sip:alice@example.com>;tag=a1",
            "t: <sip:bob@example.com>",
            "i: call-1@192.0.2.1",
            "CSeq:   7 OPTIONS",
            "Max-Forwards: 70",
            "Content-Length: 0",
            "", "",
        ].joined(separator: "\r\n")
        let req = try SipMessage.parse(text)
        let out = String(decoding: Helper.makeResponse(to: req, code: 200, toTag: "b2").serialize(), as: UTF8.self)
        XCTAssertTrue(out.hasPrefix("SIP/2.0 200 OK\r\n"), out)
        XCTAssertTrue(out.contains("\r\nv: SIP/2.0/UDP   192.0.2.1:5060;branch=z9hG4bKcompact;rport\r\n"), out)
        XCTAssertTrue(out.contains("\r\nf: Alice <sip:alice@example.com>;tag=a1\r\n"), out)
        XCTAssertTrue(out.contains("\r\ni: call-1@192.0.2.1\r\n"), out)
        XCTAssertTrue(out.contains("\r\nCSeq:   7 OPTIONS\r\n"), out)
        XCTAssertFalse(out.contains("Max-Forwards"), "only the five headers are copied")
        XCTAssertTrue(out.contains("\r\nTo: <sip:bob@example.com>;tag=b2\r\n"), "the tag is appended to the To as received: \(out)")
        let r = try SipMessage.parse(out)
        XCTAssertEqual(r[.to]?.tag, "b2")
        XCTAssertEqual(r[.to]?.uri, req[.to]?.uri)
        XCTAssertEqual(r[.contentLength], 0)
    }

    func testAnUnreadableToStillGetsATagAsText() throws {
        let text = [
            "OPTIONS sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbadto",
            "From: <sip:alice@example.com>;tag=a1",
            "To: <sip:bob@example.com",
            "Call-ID: call-2",
            "CSeq: 1 OPTIONS",
            "Content-Length: 0",
            "", "",
        ].joined(separator: "\r\n")
        let req = try SipMessage.parse(text)
        XCTAssertNil(req[.to], "the To of this request does not parse")
        let out = String(decoding: Helper.makeResponse(to: req, code: 400, toTag: "t9").serialize(), as: UTF8.self)
        XCTAssertTrue(out.contains("\r\nTo: <sip:bob@example.com;tag=t9\r\n"), out)
        let again = String(decoding: Helper.makeResponse(to: req, code: 100).serialize(), as: UTF8.self)
        XCTAssertTrue(again.contains("\r\nTo: <sip:bob@example.com\r\n"), "no tag on a 100: \(again)")
    }

    func testAResponseDoesNotChangeItsRequest() throws {
        let req = try SipMessage.parse(Corpus.inviteWithSDP)
        let before = req.serialize()
        let r = Helper.makeResponse(to: req, code: 180, toTag: "x")
        r.pushFront(.vias, Via(transport: "UDP", host: "elsewhere.example.com", branch: "z9hG4bKx"))
        r[.callID] = "changed"
        XCTAssertEqual(req.serialize(), before)
    }

    func testCustomReasonPhraseIsUsed() throws {
        XCTAssertEqual(Helper.makeResponse(to: try invite(), code: 480, reason: "Gone Fishing").reasonPhrase, "Gone Fishing")
    }

    func testAResponseIsWrittenWithItsStatusLine() throws {
        let r = Helper.makeResponse(to: try invite(), code: 480, reason: "Gone Fishing")
        let text = String(decoding: r.serialize(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("SIP/2.0 480 Gone Fishing\r\nVia: "), text)
        r.statusCode = 1
        r.reasonPhrase = ""
        XCTAssertTrue(String(decoding: r.serialize(), as: UTF8.self).hasPrefix("SIP/2.0 1 \r\nVia: "))
        r.statusCode = -5  // nothing a parser accepts, but a program may set it
        XCTAssertTrue(String(decoding: r.serialize(), as: UTF8.self).hasPrefix("SIP/2.0 -5 \r\nVia: "))
        r.statusCode = 200
        r.reasonPhrase = "OK"
        let reparsed = try SipMessage.parse(r.serialize())
        XCTAssertEqual(reparsed.statusCode, 200)
        XCTAssertEqual(reparsed.reasonPhrase, "OK")
        XCTAssertEqual(reparsed.serialize(), r.serialize())
    }

    // MARK: makeCancel (RFC 3261 §9.1)

    func testCancelMatchesTheRequestItCancels() throws {
        let req = try invite(routes: ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"])
        let c = try SipMessage.parse(Helper.makeCancel(for: req).serialize())
        XCTAssertEqual(c.method, .cancel)
        XCTAssertEqual(c.requestURI, req.requestURI)
        XCTAssertEqual(c[.callID], req[.callID])
        XCTAssertEqual(c[.to], req[.to])
        XCTAssertEqual(c[.from], req[.from])
        XCTAssertEqual(c[.cSeq], CSeq(314159, .cancel))
        XCTAssertEqual(c[.vias], [req[.vias][0]])
        XCTAssertEqual(c[.routes], req[.routes])
        XCTAssertEqual(c[.maxForwards], 70)
    }

    func testCancelCarriesOnlyTheTopVia() throws {
        let req = try invite()
        req.pushBack(.vias, Via(transport: "UDP", host: "below.example.com", branch: "z9hG4bKbelow"))
        XCTAssertEqual(Helper.makeCancel(for: req)[.vias].map(\.branch), [req[.vias][0].branch])
    }

    // MARK: makeAck (RFC 3261 §17.1.1.3)

    func testAckForANon2xxResponse() throws {
        let req = try invite(routes: ["<sip:p1.example.com;lr>"])
        let resp = Helper.makeResponse(to: req, code: 486, toTag: "busy1")
        let a = try SipMessage.parse(Helper.makeAck(for: req, response: resp).serialize())
        XCTAssertEqual(a.method, .ack)
        XCTAssertEqual(a.requestURI, req.requestURI)
        XCTAssertEqual(a[.callID], req[.callID])
        XCTAssertEqual(a[.from], req[.from])
        XCTAssertEqual(a[.to]?.tag, "busy1", "To comes from the response")
        XCTAssertEqual(a[.cSeq], CSeq(314159, .ack))
        XCTAssertEqual(a[.vias], [req[.vias][0]])
        XCTAssertEqual(a[.routes], req[.routes])
    }

    // MARK: identifiers

    func testTagsAreUniqueOver10000Draws() {
        var seen = Set<String>()
        for _ in 0..<10_000 { seen.insert(Helper.newTag()) }
        XCTAssertEqual(seen.count, 10_000)
    }

    func testATagCarriesFarMoreThanTheRequired32RandomBits() {
        // RFC 3261 §19.3: at least 32 bits of randomness; 15 of 60 symbols carry 88.
        let tag = Helper.newTag()
        XCTAssertEqual(tag.utf8.count, 15)
        XCTAssertTrue(tag.utf8.allSatisfy { RandomToken.alphabet.contains($0) })
    }

    func testBranchesAreUniqueOver10000DrawsAndStartWithTheMagicCookie() {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let b = Helper.newBranch()
            XCTAssertTrue(b.hasPrefix("z9hG4bK"))
            seen.insert(b)
        }
        XCTAssertEqual(seen.count, 10_000)
    }

    func testCallIDsAreUniqueOver10000Draws() {
        XCTAssertEqual(Set((0..<10_000).map { _ in Helper.newCallID() }).count, 10_000)
    }

    func testCallIDWithHostEndsWithIt() {
        XCTAssertTrue(Helper.newCallID(host: "pc33.example.com").hasSuffix("@pc33.example.com"))
    }

    func testIdentifiersAreTokensOfTheRequestedLength() {
        XCTAssertEqual(RandomToken.make(count: 16).count, 16)
        XCTAssertEqual(RandomToken.make(count: 0), "")
        let t = RandomToken.make(count: 5000)
        XCTAssertTrue(t.utf8.allSatisfy { CharacterClass.token[Int($0)] && $0 != UInt8(ascii: "%") })
        XCTAssertEqual(Set(t).count, 60, "5000 draws use the whole alphabet")
    }

    func testIdentifiersNeverSpellAHeaderNameSomePeersSearchFor() {
        // SIPp finds CSeq by searching the whole message; a tag spelling it broke its parsing.
        let t = RandomToken.make(count: 20_000)
        XCTAssertFalse(t.contains("q") || t.contains("Q"))
        XCTAssertFalse((0..<2000).contains { _ in Helper.newTag().lowercased().contains("cseq") })
    }
}
