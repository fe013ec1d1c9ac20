import XCTest
@testable import SIPCore

/// Seeded random values drawn from the characters of name-addrs and Vias, mutated: whatever
/// the one-pass common-form readers accept, the full parsers accept and read the same way,
/// and nothing makes either reader trap.
final class CommonFormFuzzTests: XCTestCase {
    private static let seeds = [
        "\"Alice\" <sip:alice@atlanta.example.com:5060;transport=tcp>;tag=1928301774",
        "Bob <sips:bob@[2001:db8::1];lr>;expires=60",
        "<sip:proxy.example.com;lr>",
        "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport",
        "SIP/2.0/TLS [::1]:5061;branch=z9hG4bK1;received=192.0.2.1",
    ]
    private static let alphabet = Array("<>@:;=\"\\ \t/.,[]%?&+-_*~sSiIpPuUdDtTcClL0123456789aAbBzZ\r\n\u{80}\u{ff}".utf8)

    /// `seed` with a few bytes replaced, inserted or removed at random.
    private func mutate(_ seed: String, _ rng: inout SplitMix64) -> [UInt8] {
        var b = Array(seed.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = Int.random(in: 0...b.count, using: &rng)
            let c = Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where at < b.count: b[at] = c
            case 1: b.insert(c, at: at)
            default: if at < b.count { b.remove(at: at) }
            }
        }
        return b
    }

    func testWhatTheCommonReadersAcceptTheFullParsersReadTheSame() throws {
        var rng = SplitMix64(seed: 0xc0ff_ee13)
        var acceptedNameAddrs = 0
        var acceptedVias = 0
        for n in 0..<20_000 {
            let seed = Self.seeds[n % Self.seeds.count]
            let bytes = mutate(seed, &rng)
            var a = ByteScanner(bytes, range: 0..<bytes.count, header: "fuzz")
            var b = ByteScanner(bytes, range: 0..<bytes.count, header: "fuzz")
            if seed.hasPrefix("SIP/") {
                guard let common = try? Via.parseCommonForm(&a) else { continue }
                let general = try Via.parseGeneral(&b)
                XCTAssertEqual(common, general, String(decoding: bytes, as: UTF8.self))
                XCTAssertEqual(a.position, b.position)
                acceptedVias += 1
            } else {
                guard let common = try? NameAddr.parseCommonForm(&a) else { continue }
                let general = try NameAddr.parseGeneral(&b)
                XCTAssertEqual(common, general, String(decoding: bytes, as: UTF8.self))
                XCTAssertEqual(common.description, general.description)
                XCTAssertEqual(a.position, b.position)
                acceptedNameAddrs += 1
            }
        }
        // The mutations leave many values in the common form: the comparison did run.
        XCTAssertGreaterThan(acceptedNameAddrs, 1_000)
        XCTAssertGreaterThan(acceptedVias, 1_000)
    }
}
