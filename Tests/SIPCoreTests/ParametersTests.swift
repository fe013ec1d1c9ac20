import XCTest
@testable import SIPCore

/// Header parameters: `*( SEMI generic-param )` (RFC 3261 §7.3.1, §25.1).
final class ParametersTests: XCTestCase {
    private func params(_ text: String) throws -> Parameters {
        var s = ByteScanner(text, header: "test")
        let p = try Parameters.parse(&s)
        try s.expectEnd()
        return p
    }

    func testNamesAreLookedUpIgnoringCase() throws {
        let p = try params(";Tag=abc;EXPIRES=60")
        XCTAssertEqual(p["tag"], "abc")
        XCTAssertEqual(p["expires"], "60")
        XCTAssertTrue(p.contains("TAG"))
    }

    func testNamesKeepTheirSpellingOnWrite() throws {
        var out: [UInt8] = []
        try params(";Tag=abc;LR").write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), ";Tag=abc;LR")
    }

    func testFlagReadsAsEmptyStringAndAbsentAsNil() throws {
        let p = try params(";lr")
        XCTAssertEqual(p["lr"], "")
        XCTAssertNil(p["ob"])
        XCTAssertNil(p[0].value)
    }

    func testQuotedValueIsUnquotedAndUnescaped() throws {
        let p = try params(#";x="a \"b\"; c, d""#)
        XCTAssertEqual(p["x"], #"a "b"; c, d"#)
        XCTAssertTrue(p[0].quoted)
    }

    func testQuotedValueIsWrittenQuotedAndEscaped() {
        var p = Parameters()
        p.set("x", #"a "b" \c"#, quoted: true)
        var out: [UInt8] = []
        p.write(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), #";x="a \"b\" \\c""#)
    }

    func testEmptyQuotedValueIsAllowed() throws {
        XCTAssertEqual(try params(#";opaque="""#)["opaque"], "")
    }

    func testWhitespaceAroundSemicolonsAndEqualsIsAllowed() throws {
        let p = try params(" ; a = 1 ;\tb ; c=\"x\"")
        XCTAssertEqual(p.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(p["a"], "1")
    }

    func testValuesMayBeIPv6Addresses() throws {
        XCTAssertEqual(try params(";received=2001:db8::1;maddr=[ff02::1]")["maddr"], "[ff02::1]")
    }

    func testSettingAddsAtTheEnd() {
        var p = Parameters()
        p["a"] = "1"
        p["b"] = "2"
        XCTAssertEqual(p.map(\.name), ["a", "b"])
    }

    func testSettingAnExistingNameReplacesItInPlace() throws {
        var p = try params(";a=1;B=2;c=3")
        p["b"] = "two"
        XCTAssertEqual(p.map(\.name), ["a", "B", "c"])
        XCTAssertEqual(p["B"], "two")
    }

    func testSetFlagRemovesTheValue() throws {
        var p = try params(";rport=5060")
        p.setFlag("rport")
        XCTAssertEqual(p["rport"], "")
        XCTAssertNil(p[0].value)
    }

    func testRemovingIgnoresCaseAndReportsPresence() throws {
        var p = try params(";a=1;LR")
        XCTAssertTrue(p.remove("lr"))
        XCTAssertFalse(p.remove("lr"))
        XCTAssertEqual(p.map(\.name), ["a"])
        p["a"] = nil
        XCTAssertTrue(p.isEmpty)
    }

    func testDuplicateNamesAreKeptAsReceivedAndTheFirstIsRead() throws {
        let p = try params(";a=1;a=2")
        XCTAssertEqual(p.count, 2)
        XCTAssertEqual(p["a"], "1")
    }

    func testMissingNameIsAnError() {
        XCTAssertThrowsError(try params(";=1"))
        XCTAssertThrowsError(try params(";"))
    }

    func testEmptyUnquotedValueIsAnError() {
        XCTAssertThrowsError(try params(";a="))
        XCTAssertThrowsError(try params(";a=;b"))
    }

    func testUnterminatedQuotedValueIsAnError() {
        XCTAssertThrowsError(try params(";a=\"abc"))
        XCTAssertThrowsError(try params(";a=\"abc\\"))
    }

    func testValueOutsideTheTokenGrammarIsAnError() {
        XCTAssertThrowsError(try params(";a=b c"))
        XCTAssertThrowsError(try params(";a=<b>"))
    }

    func testParsingStopsBeforeAComma() throws {
        var s = ByteScanner(";a=1, next", header: "test")
        XCTAssertEqual(try Parameters.parse(&s).count, 1)
        XCTAssertEqual(s.peek(), UInt8(ascii: ","))
    }

    func testNamesCompareIgnoringASCIICaseOnly() {
        XCTAssertTrue("BRANCH".caseInsensitiveEquals("branch"))
        XCTAssertTrue("Lr".caseInsensitiveEquals("lR"))
        XCTAssertTrue("".caseInsensitiveEquals(""))
        XCTAssertFalse("branch".caseInsensitiveEquals("branc"), "a prefix is not equal")
        XCTAssertFalse("rport".caseInsensitiveEquals("rporu"))
        XCTAssertFalse("[".caseInsensitiveEquals("{"), "only letters fold: '[' is not '{'")
        XCTAssertTrue("é-x".caseInsensitiveEquals("é-X"), "other bytes compare as they are")
        XCTAssertTrue("TaG".caseInsensitiveEquals(Substring("tag")), "any StringProtocol still compares")
    }
}
