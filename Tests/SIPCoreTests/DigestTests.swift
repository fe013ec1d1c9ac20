import XCTest
@testable import SIPCore

/// Digest computations against the published examples (RFC 2617 §3.5, RFC 7616 §3.9.1).
final class DigestTests: XCTestCase {
    func testRFC2617ExampleHA1() {
        XCTAssertEqual(Digest.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life"),
                       "939e7578ed9e3c518a452acee763bce9")
    }

    func testRFC2617ExampleHA2() {
        XCTAssertEqual(Digest.ha2(method: "GET", uri: "/dir/index.html"), "39aff3a2bab6126f332b942af96d3366")
    }

    func testRFC2617ExampleResponse() {
        let ha1 = Digest.ha1(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life")
        let ha2 = Digest.ha2(method: "GET", uri: "/dir/index.html")
        XCTAssertEqual(Digest.response(ha1: ha1, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", nonceCount: "00000001",
                                       cnonce: "0a4f113b", qop: "auth", ha2: ha2),
                       "6629fae49393a05397450978507c4ef1")
    }

    private func rfc7616Response(_ algorithm: DigestAlgorithm) -> String {
        let ha1 = Digest.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life",
                             algorithm: algorithm)
        let ha2 = Digest.ha2(method: "GET", uri: "/dir/index.html", algorithm: algorithm)
        return Digest.response(ha1: ha1, nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nonceCount: "00000001",
                               cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop: "auth", ha2: ha2,
                               algorithm: algorithm)
    }

    func testRFC7616ExampleResponseWithMD5() {
        XCTAssertEqual(rfc7616Response(.md5), "8ca523f5e9506fed4657c9700eebdbec")
    }

    func testRFC7616ExampleResponseWithSHA256() {
        XCTAssertEqual(rfc7616Response(.sha256), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
    }

    func testWithoutQopTheResponseIsHashOfHA1NonceHA2() {
        let r = Digest.response(ha1: "a", nonce: "n", nonceCount: nil, cnonce: nil, qop: nil, ha2: "b")
        XCTAssertEqual(r, DigestAlgorithm.md5.hexHash("a:n:b"))
    }

    func testQopWithoutCnonceFallsBackToTheRFC2069Form() {
        let r = Digest.response(ha1: "a", nonce: "n", nonceCount: "00000001", cnonce: nil, qop: "auth", ha2: "b")
        XCTAssertEqual(r, DigestAlgorithm.md5.hexHash("a:n:b"))
    }

    func testHashesOfTheEmptyInput() {
        XCTAssertEqual(DigestAlgorithm.md5.hexHash(""), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(DigestAlgorithm.sha256.hexHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testHashesAreLowerCaseHexOfTheRightLength() {
        XCTAssertEqual(DigestAlgorithm.md5.hexHash("x").count, 32)
        XCTAssertEqual(DigestAlgorithm.sha256.hexHash("x").count, 64)
        XCTAssertTrue(DigestAlgorithm.sha256.hexHash("x").allSatisfy { "0123456789abcdef".contains($0) })
    }

    func testAColonJoinedHashIsTheHashOfTheJoinedText() {
        for algorithm in DigestAlgorithm.allCases {
            XCTAssertEqual(algorithm.hexHash(colonJoined: "jürgen", "example.test", "pw"),
                           algorithm.hexHash("jürgen:example.test:pw"))
            XCTAssertEqual(algorithm.hexHash(colonJoined: "", "x", ""), algorithm.hexHash(":x:"))
            XCTAssertEqual(algorithm.hexHash(colonJoined: "only"), algorithm.hexHash("only"))
            let long = String(repeating: "0123456789abcdef", count: 300)
            XCTAssertEqual(algorithm.hexHash(colonJoined: long, long), algorithm.hexHash(long + ":" + long))
        }
    }

    func testHashIsOverUTF8Bytes() {
        var bytes = Array("jürgen".utf8)
        XCTAssertEqual(DigestAlgorithm.md5.hexHash("jürgen"), DigestAlgorithm.md5.hexHash(bytes: &bytes))
    }

    func testAlgorithmTokensAreCaseInsensitive() {
        XCTAssertEqual(DigestAlgorithm(token: "md5"), .md5)
        XCTAssertEqual(DigestAlgorithm(token: "MD5"), .md5)
        XCTAssertEqual(DigestAlgorithm(token: "sha-256"), .sha256)
        XCTAssertEqual(DigestAlgorithm(token: "SHA-256"), .sha256)
    }

    func testUnknownAlgorithmsAreNil() {
        XCTAssertNil(DigestAlgorithm(token: "SHA-512-256"))
        XCTAssertNil(DigestAlgorithm(token: "MD5-sess"))
        XCTAssertNil(DigestAlgorithm(token: ""))
    }

    func testHexEncodingIsLowerCase() {
        XCTAssertEqual(HexEncoding.encode([0x00, 0x0f, 0xab, 0xff]), "000fabff")
    }
}
