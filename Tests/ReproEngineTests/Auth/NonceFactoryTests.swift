import XCTest
@testable import ReproEngine

/// The nonce MAC and the stateless nonces built on it (RFC 7616 §3.3, §5.4).
final class NonceFactoryTests: XCTestCase {
    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    private func hex(_ bytes: [UInt8]) -> String { Self.hex(bytes) }

    /// RFC 4231 §4.3 (test case 2) and §4.4 (test case 3).
    func testHmacSHA256MatchesTheRFC4231TestVectors() throws {
        let jefe = try XCTUnwrap(HmacSHA256(key: Array("Jefe".utf8)))
        let tag = Array("what do ya want for nothing?".utf8).withUnsafeBytes { jefe.tag($0) }
        XCTAssertEqual(hex(tag), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")

        let aa = try XCTUnwrap(HmacSHA256(key: [UInt8](repeating: 0xaa, count: 20)))
        let tag3 = [UInt8](repeating: 0xdd, count: 50).withUnsafeBytes { aa.tag($0) }
        XCTAssertEqual(hex(tag3), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testTheSameContextGivesEachMessageItsOwnTagAgainAndAgain() throws {
        let mac = try XCTUnwrap(HmacSHA256(key: Array("Jefe".utf8)))
        let first = Array("what do ya want for nothing?".utf8).withUnsafeBytes { mac.tag($0) }
        let other = Array("something else".utf8).withUnsafeBytes { mac.tag($0) }
        let again = Array("what do ya want for nothing?".utf8).withUnsafeBytes { mac.tag($0) }
        XCTAssertNotEqual(first, other)
        XCTAssertEqual(first, again, "a computation does not carry over into the next")
    }

    func testConcurrentTagsFromSeveralThreadsAreAllCorrect() throws {
        let mac = try XCTUnwrap(HmacSHA256(key: Array("Jefe".utf8)))
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        let wrong = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<500 {
                let tag = Array("what do ya want for nothing?".utf8).withUnsafeBytes { mac.tag($0) }
                if Self.hex(tag) != expected { wrong.increment() }
            }
        }
        XCTAssertEqual(wrong.value, 0)
    }

    func testANonceIsValidForItsRealmOnlyAndExpiresAfterItsLifetime() {
        let nonces = NonceFactory(secret: Array("secret".utf8))
        let nonce = nonces.make(realm: "example.test", now: 1_000)
        XCTAssertEqual(nonce.utf8.count, 64)
        guard case .valid(let id) = nonces.check(nonce, realm: "example.test", now: 2_000, lifetimeNanos: 5_000) else {
            return XCTFail("a fresh nonce of ours is valid")
        }
        XCTAssertEqual(id.issued, 1_000)
        // The nonce-count table tells nonces apart by this identity: two issued in the same
        // nanosecond still differ (by their salt).
        let twin = nonces.make(realm: "example.test", now: 1_000)
        guard case .valid(let twinID) = nonces.check(twin, realm: "example.test", now: 2_000, lifetimeNanos: 5_000) else {
            return XCTFail("the second nonce is valid too")
        }
        XCTAssertEqual(twinID.issued, 1_000)
        XCTAssertNotEqual(twinID, id)
        XCTAssertEqual(nonces.check(nonce, realm: "other.test", now: 2_000, lifetimeNanos: 5_000), .invalid)
        XCTAssertEqual(nonces.check(nonce, realm: "example.test", now: 7_000, lifetimeNanos: 5_000), .expired(issued: 1_000))
        XCTAssertEqual(NonceFactory(secret: Array("another".utf8)).check(nonce, realm: "example.test", now: 2_000,
                                                                           lifetimeNanos: 5_000), .invalid,
                       "another process's secret does not accept it")
    }

    func testANonceWithAnyDigitChangedIsNotOurs() {
        let nonces = NonceFactory(secret: Array("secret".utf8))
        let nonce = Array(nonces.make(realm: "example.test", now: 1_000).utf8)
        XCTAssertTrue(nonce.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, "lower-case hex")
        for position in [0, 15, 16, 31, 32, 47, 63] {
            var damaged = nonce
            damaged[position] = damaged[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            XCTAssertEqual(nonces.check(String(decoding: damaged, as: UTF8.self), realm: "example.test", now: 2_000,
                                        lifetimeNanos: 5_000), .invalid, "digit \(position) changed")
        }
        let upper = String(decoding: nonce, as: UTF8.self).uppercased()
        XCTAssertEqual(nonces.check(upper, realm: "example.test", now: 2_000, lifetimeNanos: 5_000), .invalid)
        XCTAssertEqual(nonces.check(String(decoding: nonce.dropLast(), as: UTF8.self), realm: "example.test",
                                    now: 2_000, lifetimeNanos: 5_000), .invalid, "too short")
        XCTAssertEqual(nonces.check("", realm: "example.test", now: 2_000, lifetimeNanos: 5_000), .invalid)
    }

    func testTheNonceCarriesItsIssueTimeInItsFirstSixteenDigits() {
        let nonces = NonceFactory(secret: Array("secret".utf8))
        let nonce = nonces.make(realm: "r", now: 0x0123_4567_89ab_cdef)
        XCTAssertTrue(nonce.hasPrefix("0123456789abcdef"))
        XCTAssertNotEqual(nonces.make(realm: "r", now: 5), nonces.make(realm: "r", now: 5), "a fresh salt each time")
    }
}

extension HmacSHA256 {
    /// The tag of `data`, as an array.
    func tag(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.tagLength) { out, count in
            tag(data, into: UnsafeMutableRawBufferPointer(out))
            count = Self.tagLength
        }
    }
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
