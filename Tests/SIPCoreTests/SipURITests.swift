import XCTest
@testable import SIPCore

/// The `sip:`/`sips:` URI grammar (RFC 3261 §19.1.1, §25.1) and its writer.
final class SipURITests: XCTestCase {
    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SipURI(text), text, file: file, line: line) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badURI, text, file: file, line: line)
        }
    }

    // MARK: userinfo

    func testUserAndHostAreRead() throws {
        let u = try SipURI("sip:alice@atlanta.example.com")
        XCTAssertEqual(u.user, "alice")
        XCTAssertEqual(u.host, "atlanta.example.com")
        XCTAssertNil(u.password)
        XCTAssertNil(u.port)
        XCTAssertFalse(u.isSecure)
    }

    func testURIWithoutUserHasNilUser() throws {
        XCTAssertNil(try SipURI("sip:registrar.example.com").user)
    }

    func testEscapedUserIsUnescaped() throws {
        XCTAssertEqual(try SipURI("sip:%61lice%20smith@example.com").user, "alice smith")
    }

    func testUserMayHoldUserUnreservedCharacters() throws {
        XCTAssertEqual(try SipURI("sip:+1-212-555-0101;npdi;rn=+1-212-555-0000@gw.example.com;user=phone").user,
                       "+1-212-555-0101;npdi;rn=+1-212-555-0000")
    }

    func testEscapedUTF8UserIsDecoded() throws {
        XCTAssertEqual(try SipURI("sip:j%C3%BCrgen@example.com").user, "jürgen")
    }

    func testPasswordIsReadAfterTheColon() throws {
        let u = try SipURI("sip:alice:secretword@atlanta.example.com;transport=tcp")
        XCTAssertEqual(u.user, "alice")
        XCTAssertEqual(u.password, "secretword")
        XCTAssertEqual(u.transport, "tcp")
    }

    func testEscapedPasswordIsUnescaped() throws {
        XCTAssertEqual(try SipURI("sip:alice:p%40ss%3Aword@example.com").password, "p@ss:word")
    }

    func testEmptyUserBeforeAtIsRejected() {
        assertRejected("sip:@example.com")
    }

    func testMalformedEscapesAreRejected() {
        assertRejected("sip:al%6@example.com")
        assertRejected("sip:al%zzice@example.com")
        assertRejected("sip:alice%@example.com")
        assertRejected("sip:example.com;p=%4")
    }

    func testUnescapedDelimiterInUserIsRejected() {
        assertRejected("sip:al ice@example.com")
        assertRejected("sip:al<ice@example.com")
    }

    // MARK: host and port

    func testIPv4HostAndPort() throws {
        let u = try SipURI("sip:alice@192.0.2.4:5060")
        XCTAssertEqual(u.host, "192.0.2.4")
        XCTAssertEqual(u.port, 5060)
        XCTAssertFalse(u.hostIsIPv6)
    }

    func testIPv6ReferenceIsStoredWithoutBrackets() throws {
        let u = try SipURI("sip:bob@[2001:db8::9:1]:5070;transport=tcp")
        XCTAssertEqual(u.host, "2001:db8::9:1")
        XCTAssertEqual(u.port, 5070)
        XCTAssertTrue(u.hostIsIPv6)
        XCTAssertEqual(u.transport, "tcp")
    }

    func testIPv6HostIsWrittenInBrackets() throws {
        XCTAssertEqual(SipURI(user: "bob", host: "2001:db8::1", port: 5060).description, "sip:bob@[2001:db8::1]:5060")
    }

    func testIPv6ReferenceWithEmbeddedIPv4IsAccepted() throws {
        XCTAssertEqual(try SipURI("sip:[::ffff:192.0.2.1]").host, "::ffff:192.0.2.1")
    }

    func testMalformedIPv6ReferencesAreRejected() {
        assertRejected("sip:[2001:db8::1")
        assertRejected("sip:[]")
        assertRejected("sip:[2001:db8::g]")
    }

    func testPortZeroAndPort65535AreAccepted() throws {
        XCTAssertEqual(try SipURI("sip:example.com:0").port, 0)
        XCTAssertEqual(try SipURI("sip:example.com:65535").port, 65535)
    }

    func testPortsOutOfRangeAreRejected() {
        assertRejected("sip:example.com:65536")
        assertRejected("sip:example.com:99999")
        assertRejected("sip:example.com:123456")
        assertRejected("sip:example.com:18446744073709551617")
    }

    func testEmptyOrNonNumericPortIsRejected() {
        assertRejected("sip:example.com:")
        assertRejected("sip:example.com:abc")
        assertRejected("sip:example.com:-1")
    }

    func testMissingHostIsRejected() {
        assertRejected("sip:")
        assertRejected("sip:alice@")
        assertRejected("sip:alice@:5060")
    }

    func testTrailingGarbageIsRejected() {
        assertRejected("sip:alice@example.com>")
        assertRejected("sip:alice@example.com extra")
    }

    // MARK: parameters

    func testEveryKnownParameterIsReadable() throws {
        let u = try SipURI("sip:alice@example.com;transport=tcp;user=phone;method=INVITE;ttl=15;maddr=239.255.255.1;lr;ob;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
        XCTAssertEqual(u.transport, "tcp")
        XCTAssertEqual(u.userParameter, "phone")
        XCTAssertEqual(u.method, "INVITE")
        XCTAssertEqual(u.ttl, 15)
        XCTAssertEqual(u.maddr, "239.255.255.1")
        XCTAssertTrue(u.lr)
        XCTAssertTrue(u.ob)
        XCTAssertEqual(u.gr, "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
    }

    func testAbsentFlagsReadFalse() throws {
        let u = try SipURI("sip:example.com")
        XCTAssertFalse(u.lr)
        XCTAssertFalse(u.ob)
        XCTAssertNil(u.gr)
        XCTAssertNil(u.ttl)
    }

    func testGrWithoutValueReadsEmpty() throws {
        XCTAssertEqual(try SipURI("sip:alice@example.com;gr").gr, "")
    }

    func testNonNumericTTLReadsNil() throws {
        XCTAssertNil(try SipURI("sip:example.com;ttl=abc").ttl)
    }

    func testParameterNamesAreCaseInsensitive() throws {
        let u = try SipURI("sip:example.com;Transport=TCP;LR")
        XCTAssertEqual(u.transport, "TCP")
        XCTAssertTrue(u.lr)
    }

    func testUnknownParametersAreKeptInOrder() throws {
        let u = try SipURI("sip:example.com;zeta=1;alpha;x-custom=a%20b")
        XCTAssertEqual(u.parameters.map(\.name), ["zeta", "alpha", "x-custom"])
        XCTAssertEqual(u.parameters["x-custom"], "a b")
        XCTAssertEqual(u.parameters["alpha"], "")
    }

    func testSettingKnownParametersWritesThem() throws {
        var u = try SipURI("sip:proxy.example.com")
        u.lr = true
        u.transport = "udp"
        u.ttl = 1
        XCTAssertEqual(u.description, "sip:proxy.example.com;lr;transport=udp;ttl=1")
        u.lr = false
        u.transport = nil
        XCTAssertEqual(u.description, "sip:proxy.example.com;ttl=1")
    }

    func testEmptyParameterNameIsRejected() {
        assertRejected("sip:example.com;;lr")
        assertRejected("sip:example.com;=x")
        assertRejected("sip:example.com;")
    }

    // MARK: headers

    func testHeadersAreReadAndUnescaped() throws {
        let u = try SipURI("sip:alice@atlanta.example.com?subject=project%20x&priority=urgent")
        XCTAssertEqual(u.headers.map(\.name), ["subject", "priority"])
        XCTAssertEqual(u.headers.map(\.value), ["project x", "urgent"])
    }

    func testHeaderValueMayBeEmpty() throws {
        XCTAssertEqual(try SipURI("sip:example.com?body=").headers.first?.value, "")
    }

    func testMalformedHeadersAreRejected() {
        assertRejected("sip:example.com?subject")
        assertRejected("sip:example.com?=x")
        assertRejected("sip:example.com?a=b&")
        assertRejected("sip:example.com?")
    }

    // MARK: scheme

    func testSipsSchemeIsSecure() throws {
        let u = try SipURI("sips:bob@biloxi.example.com")
        XCTAssertTrue(u.isSecure)
        XCTAssertEqual(u.description, "sips:bob@biloxi.example.com")
    }

    func testSchemeIsCaseInsensitive() throws {
        XCTAssertEqual(try SipURI("SIP:alice@example.com").user, "alice")
        XCTAssertTrue(try SipURI("SiPs:example.com").isSecure)
    }

    func testOtherSchemesAreNotSipURIs() {
        assertRejected("tel:+15555550100")
        assertRejected("mailto:alice@example.com")
    }

    // MARK: writing

    func testCanonicalTextRoundTrips() throws {
        for text in ["sip:alice@atlanta.example.com", "sips:alice:pw@[2001:db8::1]:5061;transport=tls;lr",
                     "sip:+1-212-555-0101;npdi@gw.example.com;user=phone", "sip:example.com;maddr=239.255.255.1;ttl=15",
                     "sip:alice@example.com?subject=project%20x&priority=urgent"] {
            XCTAssertEqual(try SipURI(text).description, text)
        }
    }

    func testUserIsEscapedOnWrite() throws {
        var u = SipURI(user: "al ice@home:5060%", host: "example.com")
        XCTAssertEqual(u.description, "sip:al%20ice%40home%3A5060%25@example.com")
        u.user = "+1;npdi?x/y"
        XCTAssertEqual(u.description, "sip:+1;npdi?x/y@example.com", "user-unreserved characters are written as is")
    }

    func testPasswordIsEscapedOnWrite() throws {
        var u = SipURI(user: "alice", host: "example.com")
        u.password = "p@ss:w;rd"
        XCTAssertEqual(u.description, "sip:alice:p%40ss%3Aw%3Brd@example.com")
    }

    func testParameterIsEscapedOnWrite() throws {
        var u = SipURI(host: "example.com")
        u.parameters.append(Parameter(name: "x y", value: "a=b;c?d@e"))
        XCTAssertEqual(u.description, "sip:example.com;x%20y=a%3Db%3Bc%3Fd%40e")
    }

    func testHeaderIsEscapedOnWrite() throws {
        var u = SipURI(host: "example.com")
        u.headers = [("subject", "a&b=c d"), ("to", "sip:bob@example.com")]
        XCTAssertEqual(u.description, "sip:example.com?subject=a%26b%3Dc%20d&to=sip:bob%40example.com")
    }

    func testEscapedComponentsReparseToTheSameValues() throws {
        var u = SipURI(user: "ä ö;@:", host: "example.com", port: 5080, secure: true)
        u.password = "p w@:"
        u.parameters.append(Parameter(name: "k", value: "v =;?@"))
        u.headers = [("h&=", "v&= ?")]
        let r = try SipURI(u.description)
        XCTAssertEqual(r.user, u.user)
        XCTAssertEqual(r.password, u.password)
        XCTAssertEqual(r.parameters, u.parameters)
        XCTAssertEqual(r.headers.map(\.name), ["h&="])
        XCTAssertEqual(r.headers.map(\.value), ["v&= ?"])
        XCTAssertEqual(r, u)
    }

    func testAddressOfRecordKeepsSchemeUserAndLowercasedHost() throws {
        let aor = try SipURI("sips:Bob@Biloxi.Example.COM:5061;transport=tls?x=y").addressOfRecord
        XCTAssertEqual(aor.description, "sips:Bob@biloxi.example.com")
    }

    func testAddressOfRecordTextIsTheTextOfTheAddressOfRecord() throws {
        let uris = [
            "sips:Bob@Biloxi.Example.COM:5061;transport=tls?x=y",
            "sip:alice:secret@EXAMPLE.test;lr",
            "sip:%41lice%20Smith@example.test",
            "sip:+1-212-555-0101;phone-context=example.test@GW.example.test;user=phone",
            "sip:Example.TEST:5070",
            "sip:bob@[2001:DB8::1]:5060;transport=udp",
            "sip:bob@192.0.2.10",
        ]
        for text in uris {
            let u = try SipURI(text)
            XCTAssertEqual(u.addressOfRecordText, u.addressOfRecord.description, text)
        }
        var built = SipURI(user: "ünï", host: "Éxample.test")
        built.port = 5080
        XCTAssertEqual(built.addressOfRecordText, built.addressOfRecord.description, "a host that is not ASCII")
        XCTAssertEqual(try SipURI("sip:Bob@Biloxi.Example.COM:5061").addressOfRecordText, "sip:Bob@biloxi.example.com")
    }
}
