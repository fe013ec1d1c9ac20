import XCTest
@testable import SIPCore

final class AuthHeaderTests: XCTestCase {
    // RFC 3261 §22.4 / RFC 8760 style credentials.
    let credentials = #"Digest username="bob", realm="biloxi.example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:bob@biloxi.example.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5"#

    func testDigestCredentialsAreTyped() throws {
        let a = try AuthHeader(credentials)
        XCTAssertTrue(a.isDigest)
        XCTAssertEqual(a.username, "bob")
        XCTAssertEqual(a.realm, "biloxi.example.com")
        XCTAssertEqual(a.nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093")
        XCTAssertEqual(a.uri, "sip:bob@biloxi.example.com")
        XCTAssertEqual(a.qop, "auth")
        XCTAssertEqual(a.nc, "00000001")
        XCTAssertEqual(a.cnonce, "0a4f113b")
        XCTAssertEqual(a.response, "6629fae49393a05397450978507c4ef1")
        XCTAssertEqual(a.opaque, "5ccc069c403ebaf9f0171e9517f40e41")
        XCTAssertEqual(a.algorithm, .md5)
    }

    func testParametersKeepOrderAndQuoting() throws {
        let a = try AuthHeader(credentials)
        XCTAssertEqual(a.parameters.map(\.name).prefix(3), ["username", "realm", "nonce"])
        XCTAssertEqual(a.parameters.first { $0.name == "qop" }?.quoted, false)
        XCTAssertEqual(a.parameters.first { $0.name == "realm" }?.quoted, true)
    }

    func testChallengeWithQopListStaleAndSHA256() throws {
        let c = try AuthHeader(#"Digest realm="atlanta.com", qop="auth,auth-int", algorithm=SHA-256, nonce="84a4cc", stale=TRUE"#)
        XCTAssertEqual(c.qopOptions, ["auth", "auth-int"])
        XCTAssertEqual(c.algorithm, .sha256)
        XCTAssertTrue(c.stale)
    }

    func testSchemeAndNamesIgnoreCaseAndWhitespaceIsFlexible() throws {
        let a = try AuthHeader("digest   REALM = \"x\" ,\tNonce=\"n\"  ,  Algorithm = md5")
        XCTAssertTrue(a.isDigest)
        XCTAssertEqual(a.realm, "x")
        XCTAssertEqual(a.nonce, "n")
        XCTAssertEqual(a.algorithm, .md5)
        XCTAssertFalse(a.stale)
    }

    func testQuotedValuesUnescapeQuotedPairs() throws {
        let a = try AuthHeader(#"Digest username="bo\"b\\", realm="a, b""#)
        XCTAssertEqual(a.username, #"bo"b\"#)
        XCTAssertEqual(a.realm, "a, b")
        XCTAssertRoundTrips(a)
    }

    func testUnknownAlgorithmIsKeptByName() throws {
        let a = try AuthHeader(#"Digest realm="r", algorithm=MD5-sess"#)
        XCTAssertNil(a.algorithm)
        XCTAssertEqual(a.algorithmName, "MD5-sess")
    }

    func testOtherSchemeWithToken68() throws {
        let a = try AuthHeader("Bearer mF_9.B5f-4.1JqM==")
        XCTAssertFalse(a.isDigest)
        XCTAssertEqual(a.scheme, "Bearer")
        XCTAssertEqual(a.token68, "mF_9.B5f-4.1JqM==")
        XCTAssertRoundTrips(a)
    }

    func testOtherSchemeWithAuthParams() throws {
        let a = try AuthHeader(#"Bearer realm="example.com", scope="sip""#)
        XCTAssertEqual(a.scheme, "Bearer")
        XCTAssertEqual(a.realm, "example.com")
        XCTAssertEqual(a.parameters["scope"], "sip")
    }

    func testChallengeConstructorQuotesAsRFC7616Says() {
        let c = AuthHeader.digestChallenge(realm: "biloxi.com", nonce: "abc", algorithm: .sha256,
                                           qop: ["auth"], opaque: "xyz", stale: true)
        XCTAssertEqual(c.headerText,
                       #"Digest realm="biloxi.com", nonce="abc", algorithm=SHA-256, qop="auth", opaque="xyz", stale=true"#)
    }

    func testScanningEachLineHandsOverTheParametersParseWouldKeep() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
        From: <sip:bob@example.com>;tag=1
        To: <sip:bob@example.com>
        Call-ID: scan-1
        CSeq: 1 REGISTER
        Authorization: \(credentials)
        Authorization: Bearer mF_9.B5f-4.1JqM
        Content-Length: 0


        """))
        try m.addHeader(named: "Authorization", value: #"Digest realm="added", nonce="n""#)
        var seen: [AuthHeader] = []
        try m.scanLines(of: .authorization) { s throws(SipParseError) in
            var parameters = Parameters()
            let (scheme, token68) = try AuthHeader.scan(&s) { name, value, quoted in
                parameters.append(Parameter(name: name, value: value, quoted: quoted))
            }
            seen.append(AuthHeader(scheme: scheme, parameters: parameters, token68: token68))
        }
        XCTAssertEqual(seen, try m.values(.authorizations), "every line, in order, as the typed read has it")
        XCTAssertEqual(seen.count, 3)
        XCTAssertEqual(seen[0].parameters.count, 10)
        XCTAssertEqual(seen[1].token68, "mF_9.B5f-4.1JqM")
        XCTAssertEqual(seen[2].realm, "added", "a line the program added is scanned from its text")
    }

    func testAChallengeWrittenDirectlyReadsAsTheConstructedOne() throws {
        let cases: [(realm: String, nonce: String, algorithm: DigestAlgorithm?, qop: [String], opaque: String?, stale: Bool)] = [
            ("example.test", String(repeating: "0123456789abcdef", count: 4), .sha256, ["auth"], nil, false),
            ("example.test", "n", .md5, ["auth"], nil, true),
            (#"a "quoted" \ realm"#, "n", nil, [], "op", false),
            ("", "", .sha256, ["auth", "auth-int"], "", true),
        ]
        for c in cases {
            var written: [UInt8] = []
            AuthHeader.writeDigestChallenge(realm: c.realm, nonce: c.nonce, algorithm: c.algorithm, qop: c.qop,
                                            opaque: c.opaque, stale: c.stale, to: &written)
            let made = AuthHeader.digestChallenge(realm: c.realm, nonce: c.nonce, algorithm: c.algorithm, qop: c.qop,
                                                  opaque: c.opaque, stale: c.stale)
            XCTAssertEqual(String(decoding: written, as: UTF8.self), made.headerText, "realm \(c.realm)")
            let read = try AuthHeader(String(decoding: written, as: UTF8.self))
            XCTAssertEqual(read.realm, c.realm)
            XCTAssertEqual(read.nonce, c.nonce)
            XCTAssertEqual(read.algorithm, c.algorithm)
            XCTAssertEqual(read.qopOptions, c.qop)
            XCTAssertEqual(read.stale, c.stale)
        }
    }

    func testCredentialsConstructorWritesQopAndNcUnquoted() {
        let a = AuthHeader.digestCredentials(username: "bob", realm: "r", nonce: "n", uri: "sip:r", response: "abcd",
                                             algorithm: .md5, cnonce: "c", qop: "auth", nc: "00000001")
        XCTAssertEqual(a.headerText,
                       #"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="abcd", algorithm=MD5, cnonce="c", qop=auth, nc=00000001"#)
        XCTAssertRoundTrips(a)
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(try AuthHeader(credentials))
        XCTAssertRoundTrips(AuthHeader.digestChallenge(realm: "r", nonce: "n"))
    }

    func testMalformedValuesAreRejected() {
        XCTAssertParseError(try AuthHeader(""), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest realm=\"unterminated"), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest realm="), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest =\"x\""), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest realm=\"x\" nonce=\"y\""), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest justatoken"), header: "Authorization")
        XCTAssertParseError(try AuthHeader("Digest\"x\""), header: "Authorization")
    }

    func testAuthorizationLinesAreNotSplitAtTheirCommas() throws {
        let m = try SipMessage.parse(Fixtures.register)
        let auths = m[.authorizations]
        XCTAssertEqual(auths.count, 1)
        XCTAssertEqual(auths.first?.username, "bob")
        XCTAssertEqual(auths.first?.nc, "00000001")
    }

    func testEachChallengeLineIsOneValue() throws {
        let m = try HeaderTestSupport.message([
            #"WWW-Authenticate: Digest realm="a", nonce="1", algorithm=SHA-256, qop="auth""#,
            #"WWW-Authenticate: Digest realm="a", nonce="1", algorithm=MD5, qop="auth""#,
            #"Proxy-Authenticate: Digest realm="p", nonce="2""#,
            #"Proxy-Authorization: Digest username="u", realm="p", nonce="2", uri="sip:b", response="0""#,
        ])
        XCTAssertEqual(m[.wwwAuthenticates].map(\.algorithm), [.sha256, .md5])
        XCTAssertEqual(m[.proxyAuthenticates].first?.realm, "p")
        XCTAssertEqual(m[.proxyAuthorizations].first?.username, "u")
    }

    func testAddedChallengeIsWrittenOnItsOwnLine() throws {
        let m = try HeaderTestSupport.message([])
        m.pushBack(.wwwAuthenticates, .digestChallenge(realm: "a", nonce: "1", algorithm: .sha256))
        m.pushBack(.wwwAuthenticates, .digestChallenge(realm: "a", nonce: "1", algorithm: .md5))
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r.headerValues(named: "WWW-Authenticate").count, 2)
        XCTAssertEqual(r[.wwwAuthenticates].map(\.algorithm), [.sha256, .md5])
    }

    func testMalformedLineInAMessageNamesItsHeader() throws {
        let m = try HeaderTestSupport.message([#"Proxy-Authenticate: Digest realm="p"#])
        XCTAssertParseError(try m.values(.proxyAuthenticates), header: "Proxy-Authenticate")
    }
}
