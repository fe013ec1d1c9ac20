import XCTest
@testable import SIPCore

final class IdentityTests: XCTestCase {
    // RFC 8224 §4.1 / RFC 8588 (SHAKEN) style value, shortened.
    let passport = "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJhdHRlc3QiOiJBIn0.Wx-9_Lk3"

    func testSignedDigestAndParameters() throws {
        let i = try Identity("\(passport);info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken")
        XCTAssertEqual(i.signedIdentityDigest, passport)
        XCTAssertEqual(i.info, "https://cert.example.org/passport.cer")
        XCTAssertEqual(i.alg, "ES256")
        XCTAssertEqual(i.ppt, "shaken")
        XCTAssertFalse(i.isQuoted)
    }

    func testWhitespaceAndQuotedPpt() throws {
        let i = try Identity("  \(passport) ; INFO = <https://x.example/c.pem> ; ppt=\"shaken\"  ")
        XCTAssertEqual(i.info, "https://x.example/c.pem")
        XCTAssertEqual(i.ppt, "shaken")
    }

    func testRFC4474QuotedSignatureNeedsNoInfo() throws {
        let i = try Identity(#""ZYNBbHC00VMZr2kZt6VmCvtVitzs+/Y==""#)
        XCTAssertTrue(i.isQuoted)
        XCTAssertEqual(i.signedIdentityDigest, "ZYNBbHC00VMZr2kZt6VmCvtVitzs+/Y==")
        XCTAssertNil(i.info)
    }

    func testMalformedValuesAreRejected() {
        XCTAssertParseError(try Identity(""), header: "Identity")
        XCTAssertParseError(try Identity(passport), header: "Identity")
        XCTAssertParseError(try Identity("\(passport);info=<https://x.example/c.pem"), header: "Identity")
        XCTAssertParseError(try Identity("\(passport);info=<not a uri>"), header: "Identity")
        XCTAssertParseError(try Identity("abc!def;info=<https://x.example/c>"), header: "Identity")
        XCTAssertParseError(try Identity(#""unterminated"#), header: "Identity")
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(Identity(signedIdentityDigest: passport, info: "https://c.example/x.cer", alg: "ES256", ppt: "shaken"))
        XCTAssertRoundTrips(try Identity(#""abc+/==";foo"#))
    }

    func testReadFromAMessageIncludingTheCompactForm() throws {
        let m = try HeaderTestSupport.message(["y: \(passport);info=<https://c.example/x.cer>;alg=ES256"])
        XCTAssertEqual(m[.identity]?.signedIdentityDigest, passport)
        XCTAssertEqual(m[.identity]?.info, "https://c.example/x.cer")
    }
}
