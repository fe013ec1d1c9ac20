import XCTest
@testable import SIPCore

/// Header names are recognised whatever their case, in full or compact form (RFC 3261
/// §7.3.1, §7.3.3), and nothing else is taken for a known header.
final class HeaderNameClassificationTests: XCTestCase {
    func testEveryKnownNameAndCompactFormIsRecognisedInAnyCase() {
        for h in KnownHeader.allCases where h != .unknown {
            let name = h.canonicalName
            XCTAssertEqual(KnownHeader.classify(name), h, name)
            XCTAssertEqual(KnownHeader.classify(name.lowercased()), h, name)
            XCTAssertEqual(KnownHeader.classify(name.uppercased()), h, name)
            if let c = h.compactForm {
                XCTAssertEqual(KnownHeader.classify(String(c)), h, "\(c)")
                XCTAssertEqual(KnownHeader.classify(String(c).uppercased()), h, "\(c)")
            }
        }
    }

    func testNamesCloseToKnownOnesAreUnknown() {
        for h in KnownHeader.allCases where h != .unknown {
            let name = h.canonicalName
            XCTAssertEqual(KnownHeader.classify(name + "x"), .unknown, name)
            XCTAssertEqual(KnownHeader.classify("x" + name), .unknown, name)
            if name.count > 1 {
                XCTAssertEqual(KnownHeader.classify(String(name.dropLast()) + "~"), .unknown, name)
            }
        }
        XCTAssertEqual(KnownHeader.classify(String(repeating: "a", count: 40)), .unknown)
        XCTAssertEqual(KnownHeader.classify(""), .unknown)
    }

    /// `classify` compares eight bytes at a time, reading past the name into the rest of the
    /// line when there is room and byte by byte at the end of the buffer: both give one answer.
    func testANameIsClassifiedAloneAndFollowedByTheRestOfItsLine() {
        func classify(_ name: String, followedBy rest: String) -> KnownHeader {
            let bytes = Array((name + rest).utf8)
            return bytes.withUnsafeBufferPointer {
                KnownHeader.classify($0, 0..<name.utf8.count, table: KnownHeader.table)
            }
        }
        for h in KnownHeader.allCases where h != .unknown {
            for name in [h.canonicalName, h.canonicalName.uppercased()] + (h.compactForm.map { [String($0)] } ?? []) {
                XCTAssertEqual(classify(name, followedBy: ""), h, name)
                XCTAssertEqual(classify(name, followedBy: ": value of the header\r\n"), h, name)
                XCTAssertEqual(classify(name, followedBy: "X: xxxxxxxx"), h, name)
            }
        }
    }

    /// Case is folded by setting bit 0x20, which must not make any other token character
    /// (`_`, `` ` ``, `~`, digits, `.`, `!` …) equal to a letter or '-' of a known name.
    func testTokenCharactersThatAreNotLettersNeverStandInForOne() {
        let others = Array("_`~0123456789.!%*+'".utf8)
        for h in KnownHeader.allCases where h != .unknown {
            let name = Array(h.canonicalName.utf8)
            for i in name.indices {
                for c in others where c != CharacterClass.lower(name[i]) {
                    var changed = name
                    changed[i] = c
                    let text = String(decoding: changed, as: UTF8.self)
                    XCTAssertEqual(KnownHeader.classify(text), .unknown, text)
                    let line = Array((text + ": 1\r\n").utf8)
                    let kind = line.withUnsafeBufferPointer {
                        KnownHeader.classify($0, 0..<changed.count, table: KnownHeader.table)
                    }
                    XCTAssertEqual(kind, .unknown, text)
                }
            }
        }
        // Bytes that are not token characters are never a known name.
        XCTAssertEqual(KnownHeader.classify("Max\rForwards"), .unknown)
        XCTAssertEqual(KnownHeader.classify("\u{10}"), .unknown)
    }

    func testAMessageIndexesKnownAndUnknownLines() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
            OPTIONS sip:h.example.com SIP/2.0
            v: SIP/2.0/UDP h.example.com;branch=z9hG4bK1
            MAX-FORWARDS: 70
            f: <sip:a@h.example.com>;tag=1
            t: <sip:b@h.example.com>
            i: classify@example.com
            cseq: 1 OPTIONS
            X-Maxforwards: 3
            l: 0


            """))
        XCTAssertEqual(m[.maxForwards], 70)
        XCTAssertEqual(m[.callID], "classify@example.com")
        XCTAssertEqual(try m.values(.vias).count, 1)
        XCTAssertEqual(m.headerValue(named: "x-maxforwards"), "3")
    }
}
