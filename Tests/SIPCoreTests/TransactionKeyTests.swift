import XCTest
@testable import SIPCore

/// Matching messages to transactions (RFC 3261 §17.1.3, §17.2.3).
final class TransactionKeyTests: XCTestCase {
    private func request(_ method: String, via: String, cseqMethod: String? = nil, cseq: Int = 1,
                         toTag: String? = nil, uri: String = "sip:bob@biloxi.example.com") throws -> SipMessage {
        let to = toTag.map { "<sip:bob@biloxi.example.com>;tag=\($0)" } ?? "<sip:bob@biloxi.example.com>"
        return try SipMessage.parse(Fixtures.crlf("""
        \(method) \(uri) SIP/2.0
        Via: \(via)
        To: \(to)
        From: <sip:alice@atlanta.example.com>;tag=88sja8x
        Call-ID: 987asjd97y7atg
        CSeq: \(cseq) \(cseqMethod ?? method)
        Content-Length: 0


        """))
    }

    private let via = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9"

    // MARK: server transactions

    func testSentByIsTheLowerCasedHostAndThePortOrZero() throws {
        let cases = [
            ("SIP/2.0/UDP PC33.Atlanta.Example.COM:5060;branch=z9hG4bK1", "pc33.atlanta.example.com:5060"),
            ("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", "192.0.2.1:0"),
            ("SIP/2.0/TCP [2001:DB8::A]:65535;branch=z9hG4bK1", "2001:db8::a:65535"),  // the host without brackets
            ("SIP/2.0/UDP h:9;branch=z9hG4bK1", "h:9"),
            ("SIP/2.0/UDP a-very-long-host-name.example.com:10000;branch=z9hG4bK1",
             "a-very-long-host-name.example.com:10000"),
        ]
        for (via, sentBy) in cases {
            XCTAssertEqual(try TransactionKey.server(for: request("OPTIONS", via: via)).sentBy, sentBy, via)
        }
    }

    func testAKeyReadFromAMessageEqualsOneBuiltFromItsFields() throws {
        let read = try TransactionKey.server(for: request("INVITE", via: via))
        XCTAssertEqual(read.branch, "z9hG4bK74bf9")
        XCTAssertEqual(read.sentBy, "pc33.atlanta.example.com:5060")
        XCTAssertEqual(read.method, .invite)
        XCTAssertFalse(read.isLegacy)
        let built = TransactionKey(branch: "z9hG4bK74bf9", sentBy: "pc33.atlanta.example.com:5060", method: .invite)
        XCTAssertEqual(read, built)
        XCTAssertEqual(Set([read]).contains(built), true, "equal keys hash alike")
        // A Via built in code (its parameters a list, not text) gives the same key.
        let m = SipMessage(method: .invite, uri: .sip(SipURI(host: "biloxi.example.com")))
        m.pushFront(.vias, Via(transport: "UDP", host: "PC33.atlanta.example.com", port: 5060, branch: "z9hG4bK74bf9"))
        XCTAssertEqual(try TransactionKey.server(for: m), read)
    }

    func testBranchesCompareCaseSensitively() throws {
        let lower = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKabc"
        let upper = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKABC"
        XCTAssertNotEqual(try TransactionKey.server(for: request("INVITE", via: lower)),
                          try TransactionKey.server(for: request("INVITE", via: upper)))
    }

    func testKeysWithTheSameBytesSplitDifferentlyDiffer() {
        XCTAssertNotEqual(TransactionKey(branch: "z9hG4bK1", sentBy: "2a:1", method: .invite),
                          TransactionKey(branch: "z9hG4bK12", sentBy: "a:1", method: .invite))
    }

    func testRetransmissionMatchesTheSameServerTransaction() throws {
        XCTAssertEqual(try TransactionKey.server(for: request("INVITE", via: via)),
                       try TransactionKey.server(for: request("INVITE", via: via)))
    }

    func testAckForNon2xxMatchesTheInviteServerTransaction() throws {
        XCTAssertEqual(try TransactionKey.server(for: request("ACK", via: via, toTag: "resp1")),
                       try TransactionKey.server(for: request("INVITE", via: via)))
    }

    func testCancelHasItsOwnServerTransaction() throws {
        let cancel = try TransactionKey.server(for: request("CANCEL", via: via))
        let invite = try TransactionKey.server(for: request("INVITE", via: via))
        XCTAssertNotEqual(cancel, invite)
        XCTAssertEqual(cancel.invite, invite, "the CANCEL finds the INVITE it cancels")
    }

    func testDifferentBranchesAreDifferentTransactions() throws {
        XCTAssertNotEqual(try TransactionKey.server(for: request("INVITE", via: via)),
                          try TransactionKey.server(for: request("INVITE", via: via + "x")))
    }

    func testDifferentSentByIsADifferentTransaction() throws {
        let other = "SIP/2.0/UDP pc34.atlanta.example.com:5060;branch=z9hG4bK74bf9"
        XCTAssertNotEqual(try TransactionKey.server(for: request("INVITE", via: via)),
                          try TransactionKey.server(for: request("INVITE", via: other)))
    }

    func testSentByHostComparesIgnoringCase() throws {
        let upper = "SIP/2.0/UDP PC33.Atlanta.Example.COM:5060;branch=z9hG4bK74bf9"
        XCTAssertEqual(try TransactionKey.server(for: request("INVITE", via: via)),
                       try TransactionKey.server(for: request("INVITE", via: upper)))
    }

    func testDifferentMethodsWithTheSameBranchAreDifferentTransactions() throws {
        XCTAssertNotEqual(try TransactionKey.server(for: request("BYE", via: via)),
                          try TransactionKey.server(for: request("INVITE", via: via)))
    }

    func testRequestWithoutViaHasNoKey() throws {
        let m = try SipMessage.parse(Fixtures.crlf("OPTIONS sip:a@b SIP/2.0\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"))
        XCTAssertThrowsError(try TransactionKey.server(for: m)) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .missingHeader)
        }
    }

    // MARK: RFC 2543 fallback

    private let oldVia = "SIP/2.0/UDP old.example.com:5060;branch=1234"

    func testBranchWithoutCookieUsesTheLegacyKey() throws {
        XCTAssertTrue(try TransactionKey.server(for: request("INVITE", via: oldVia)).isLegacy)
        XCTAssertTrue(try TransactionKey.server(for: request("INVITE", via: "SIP/2.0/UDP old.example.com")).isLegacy)
        XCTAssertFalse(try TransactionKey.server(for: request("INVITE", via: via)).isLegacy)
    }

    func testLegacyRetransmissionMatches() throws {
        XCTAssertEqual(try TransactionKey.server(for: request("INVITE", via: oldVia)),
                       try TransactionKey.server(for: request("INVITE", via: oldVia)))
    }

    func testLegacyAckCarryingTheResponseToTagMatchesItsInvite() throws {
        XCTAssertEqual(try TransactionKey.server(for: request("ACK", via: oldVia, toTag: "x")),
                       try TransactionKey.server(for: request("INVITE", via: oldVia)))
    }

    func testLegacyCancelIsDistinctButFindsItsInvite() throws {
        let cancel = try TransactionKey.server(for: request("CANCEL", via: oldVia))
        let invite = try TransactionKey.server(for: request("INVITE", via: oldVia))
        XCTAssertNotEqual(cancel, invite)
        XCTAssertEqual(cancel.invite, invite)
    }

    func testLegacyKeysDifferByCSeqCallIDOrRequestURI() throws {
        let base = try TransactionKey.server(for: request("INVITE", via: oldVia))
        XCTAssertNotEqual(base, try TransactionKey.server(for: request("INVITE", via: oldVia, cseq: 2)))
        XCTAssertNotEqual(base, try TransactionKey.server(for: request("INVITE", via: oldVia, uri: "sip:carol@example.com")))
    }

    func testLegacyKeyNeedsCSeqFromAndCallID() throws {
        let m = try SipMessage.parse(Fixtures.crlf("INVITE sip:a@b SIP/2.0\nVia: \(oldVia)\nContent-Length: 0\n\n"))
        XCTAssertThrowsError(try TransactionKey.server(for: m))
    }

    // MARK: client transactions

    func testResponseMatchesTheClientTransactionOfItsRequest() throws {
        let req = try request("INVITE", via: via)
        let resp = Helper.makeResponse(to: req, code: 180)
        XCTAssertEqual(try TransactionKey.client(for: resp), try TransactionKey.client(forRequest: req))
    }

    func testResponseToCancelDoesNotMatchTheInvite() throws {
        let invite = try request("INVITE", via: via)
        let cancelResp = Helper.makeResponse(to: try request("CANCEL", via: via), code: 200)
        XCTAssertNotEqual(try TransactionKey.client(for: cancelResp), try TransactionKey.client(forRequest: invite))
    }

    func testResponseWithAnotherBranchDoesNotMatch() throws {
        let req = try request("INVITE", via: via)
        let resp = Helper.makeResponse(to: try request("INVITE", via: via + "9"), code: 200)
        XCTAssertNotEqual(try TransactionKey.client(for: resp), try TransactionKey.client(forRequest: req))
    }

    func testResponseWithoutCSeqHasNoClientKey() throws {
        let m = try SipMessage.parse(Fixtures.crlf("SIP/2.0 200 OK\nVia: \(via)\nContent-Length: 0\n\n"))
        XCTAssertThrowsError(try TransactionKey.client(for: m))
    }
}
