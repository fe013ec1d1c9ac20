import XCTest
@testable import SIPCore

/// name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1).
final class NameAddrTests: XCTestCase {
    private func assertRejected(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try NameAddr(text), text, file: file, line: line)
    }

    // MARK: display names

    func testQuotedDisplayNameIsUnquoted() throws {
        let n = try NameAddr("\"Bob Smith\" <sip:bob@biloxi.example.com>")
        XCTAssertEqual(n.displayName, "Bob Smith")
        XCTAssertEqual(n.uri.user, "bob")
        XCTAssertTrue(n.usesAngleBrackets)
    }

    func testQuotedPairsInDisplayNameAreUnescaped() throws {
        XCTAssertEqual(try NameAddr(#""Bob \"the\" Builder \\ Co" <sip:bob@example.com>"#).displayName,
                       #"Bob "the" Builder \ Co"#)
    }

    func testQuotedDisplayNameMayHoldCommasSemicolonsAndAngles() throws {
        XCTAssertEqual(try NameAddr(#""Smith, Bob; <boss>" <sip:bob@example.com>;tag=1"#).displayName, "Smith, Bob; <boss>")
    }

    func testQuotedDisplayNameMayHoldUTF8() throws {
        XCTAssertEqual(try NameAddr("\"Jürgen Müller\" <sip:j@example.com>").displayName, "Jürgen Müller")
    }

    func testQuotedDisplayNameNeedNotBeFollowedBySpace() throws {
        XCTAssertEqual(try NameAddr("\"Bob\"<sip:bob@example.com>").displayName, "Bob")
    }

    func testEmptyQuotedDisplayNameReadsAsNone() throws {
        let n = try NameAddr("\"\" <sip:bob@example.com>")
        XCTAssertNil(n.displayName)
        XCTAssertEqual(try NameAddr(n.headerText), n)
    }

    func testTokenDisplayNameWordsAreKept() throws {
        XCTAssertEqual(try NameAddr("Bob Smith <sip:bob@example.com>").displayName, "Bob Smith")
        XCTAssertEqual(try NameAddr("Bob<sip:bob@example.com>").displayName, "Bob")
    }

    func testDisplayNameIsWrittenQuotedAndEscaped() throws {
        let n = NameAddr(uri: try URI("sip:bob@example.com"), displayName: #"Bob "B" \ C"#)
        XCTAssertEqual(n.headerText, #""Bob \"B\" \\ C" <sip:bob@example.com>"#)
        XCTAssertEqual(try NameAddr(n.headerText).displayName, n.displayName)
    }

    func testLineBreaksInADisplayNameAreNotWritten() throws {
        let n = NameAddr(uri: try URI("sip:bob@example.com"), displayName: "Bob\r\nVia: evil")
        XCTAssertFalse(n.headerText.contains("\r"))
        XCTAssertFalse(n.headerText.contains("\n"))
    }

    func testUnterminatedQuotedDisplayNameIsRejected() {
        assertRejected("\"Bob <sip:bob@example.com>")
        assertRejected("\"Bob\\")
    }

    func testQuotedDisplayNameWithoutBracketedURIIsRejected() {
        assertRejected("\"Bob\" sip:bob@example.com")
    }

    // MARK: name-addr and addr-spec

    func testBracketedURIWithoutDisplayName() throws {
        let n = try NameAddr("<sip:bob@example.com>")
        XCTAssertNil(n.displayName)
        XCTAssertTrue(n.usesAngleBrackets)
        XCTAssertEqual(n.headerText, "<sip:bob@example.com>")
    }

    func testBareAddrSpecIsAccepted() throws {
        let n = try NameAddr("sip:bob@example.com")
        XCTAssertFalse(n.usesAngleBrackets)
        XCTAssertEqual(n.uri.host, "example.com")
        XCTAssertEqual(n.headerText, "sip:bob@example.com")
    }

    func testParametersAfterABareAddrSpecBelongToTheHeader() throws {
        let n = try NameAddr("sip:bob@example.com;tag=88sja8x;transport=tcp")
        XCTAssertEqual(n.tag, "88sja8x")
        XCTAssertEqual(n.parameters["transport"], "tcp")
        XCTAssertTrue(n.uri.sipURI?.parameters.isEmpty ?? false, "RFC 3261 §20: they are header parameters")
    }

    func testParametersInsideBracketsBelongToTheURI() throws {
        let n = try NameAddr("<sip:bob@example.com;transport=tcp;lr>;tag=1;expires=60")
        XCTAssertEqual(n.uri.sipURI?.transport, "tcp")
        XCTAssertEqual(n.uri.sipURI?.lr, true)
        XCTAssertNil(n.uri.sipURI?.parameters["tag"])
        XCTAssertEqual(n.tag, "1")
        XCTAssertEqual(n.expires, 60)
        XCTAssertNil(n.parameters["transport"])
    }

    func testURIHeadersInsideBracketsAreRead() throws {
        let n = try NameAddr("<sip:bob@example.com?Subject=hello%20there&Priority=urgent>")
        XCTAssertEqual(n.uri.sipURI?.headers.map(\.value), ["hello there", "urgent"])
    }

    func testTelAndAbsoluteURIsAreAccepted() throws {
        XCTAssertEqual(try NameAddr("<tel:+1-201-555-0123>;tag=x").uri.scheme, "tel")
        XCTAssertEqual(try NameAddr("\"SOS\" <urn:service:sos>").uri.description, "urn:service:sos")
    }

    func testKnownContactParametersAreTyped() throws {
        let n = try NameAddr(#"<sip:bob@192.0.2.4>;q=0.7;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";reg-id=1"#)
        XCTAssertEqual(n.q, QValue("0.7"))
        XCTAssertEqual(n.expires, 3600)
        XCTAssertEqual(n.instance, "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>")
        XCTAssertEqual(n.regID, 1)
    }

    func testInstanceIsWrittenQuoted() throws {
        var n = NameAddr(uri: try URI("sip:bob@192.0.2.4"))
        n.instance = "<urn:uuid:1>"
        XCTAssertEqual(n.headerText, #"<sip:bob@192.0.2.4>;+sip.instance="<urn:uuid:1>""#)
    }

    func testMissingClosingBracketIsRejected() {
        assertRejected("<sip:bob@example.com")
        assertRejected("Bob <sip:bob@example.com;tag=1")
    }

    func testEmptyBracketsAreRejected() {
        assertRejected("<>")
    }

    func testGarbageInsideBracketsIsRejected() {
        assertRejected("<sip:bob@example.com junk>")
        assertRejected("<not a uri>")
    }

    func testGarbageAfterTheParametersIsRejected() {
        assertRejected("<sip:bob@example.com>;tag=1 junk")
        assertRejected("<sip:bob@example.com> <sip:alice@example.com>")
    }

    func testEmptyValueIsRejected() {
        assertRejected("")
        assertRejected("   ")
    }

    // MARK: wildcard

    func testWildcardContact() throws {
        let n = try NameAddr("*")
        XCTAssertTrue(n.isWildcard)
        XCTAssertEqual(n.headerText, "*")
    }

    func testWildcardInAMessageIsTheOnlyContact() throws {
        let m = try SipMessage.parse(Fixtures.crlf("REGISTER sip:example.com SIP/2.0\nContact: *\nExpires: 0\nContent-Length: 0\n\n"))
        XCTAssertEqual(m[.contacts].count, 1)
        XCTAssertEqual(m[.contacts].first?.isWildcard, true)
    }

    func testWildcardMayBeFollowedByParameters() throws {
        let n = try NameAddr("* ;expires=0")
        XCTAssertTrue(n.isWildcard)
        XCTAssertEqual(n.expires, 0)
    }

    func testTokenDisplayNameStartingWithAStarIsNotAWildcard() throws {
        let n = try NameAddr("*Bob <sip:bob@example.com>;tag=1")
        XCTAssertFalse(n.isWildcard)
        XCTAssertEqual(n.displayName, "*Bob")
        XCTAssertEqual(n.tag, "1")
    }

    func testBracketedURIIsNotAWildcard() throws {
        XCTAssertFalse(try NameAddr("<sip:*@example.com>").isWildcard)
    }

    // MARK: writing

    func testURIWithParametersIsBracketedEvenIfReadBare() throws {
        var n = try NameAddr("sip:bob@example.com;tag=1")
        n.uri.sipURI?.transport = "tcp"
        XCTAssertEqual(n.headerText, "<sip:bob@example.com;transport=tcp>;tag=1")
        XCTAssertEqual(try NameAddr(n.headerText).uri.sipURI?.transport, "tcp")
        XCTAssertEqual(try NameAddr(n.headerText).tag, "1")
    }

    func testURIWhoseUserHoldsASemicolonIsBracketedEvenIfReadBare() throws {
        var n = try NameAddr("sip:bob@example.com;tag=1")
        n.uri.user = "+1;npdi"
        XCTAssertEqual(n.headerText, "<sip:+1;npdi@example.com>;tag=1")
        XCTAssertEqual(try NameAddr(n.headerText).uri.user, "+1;npdi")
    }

    func testURIWhoseUserHoldsACommaOrQuestionMarkIsBracketed() throws {
        var n = try NameAddr("sip:bob@example.com")
        n.uri.user = "a,b?c"
        XCTAssertEqual(n.headerText, "<sip:a,b?c@example.com>")
    }

    func testHeaderParametersKeepTheirOrderAndQuoting() throws {
        let text = #"<sip:bob@example.com>;tag=1;x-flag;x-q="a \"b\" c";expires=5"#
        XCTAssertEqual(try NameAddr(text).headerText, text)
    }

    func testContactListWithQuotedCommasSplitsCorrectly() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
        REGISTER sip:example.com SIP/2.0
        Contact: "Smith, Bob" <sip:bob@a.example.com>;q=0.5, <sip:bob@b.example.com>,sip:bob@c.example.com;expires=0
        Content-Length: 0


        """))
        XCTAssertEqual(m[.contacts].map { $0.uri.host }, ["a.example.com", "b.example.com", "c.example.com"])
        XCTAssertEqual(m[.contacts].map(\.displayName), ["Smith, Bob", nil, nil])
        XCTAssertEqual(m[.contacts].last?.expires, 0)
    }
}
