import XCTest
@testable import SIPCore

final class IdentityInfoTests: XCTestCase {
    func testRFC4474Example() throws {
        let i = try IdentityInfo("<https://www.atlanta.example.com/atlanta.cer>;alg=rsa-sha1")
        XCTAssertEqual(i.uri.scheme, "https")
        XCTAssertEqual(i.uri.description, "https://www.atlanta.example.com/atlanta.cer")
        XCTAssertEqual(i.alg, "rsa-sha1")
    }

    func testWhitespaceAndCaseInParameters() throws {
        let i = try IdentityInfo("  <sip:certs@atlanta.example.com> ; ALG = rsa-sha256 ")
        XCTAssertEqual(i.uri.sipURI?.user, "certs")
        XCTAssertEqual(i.alg, "rsa-sha256")
    }

    func testMalformedValuesAreRejected() {
        XCTAssertParseError(try IdentityInfo("https://x.example/c.cer"), header: "Identity-Info")
        XCTAssertParseError(try IdentityInfo("<https://x.example/c.cer"), header: "Identity-Info")
        XCTAssertParseError(try IdentityInfo("<>"), header: "Identity-Info", kind: .badURI)
        XCTAssertParseError(try IdentityInfo("<https://x.example/c.cer>;alg="), header: "Identity-Info")
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(IdentityInfo(uri: try URI("https://c.example/x.cer"), alg: "rsa-sha256"))
    }

    func testReadFromAMessageIncludingTheCompactForm() throws {
        let m = try HeaderTestSupport.message(["n: <https://c.example/x.cer>;alg=rsa-sha1"])
        XCTAssertEqual(m[.identityInfo]?.alg, "rsa-sha1")
        XCTAssertEqual(m[.identityInfo]?.uri.description, "https://c.example/x.cer")
    }
}
