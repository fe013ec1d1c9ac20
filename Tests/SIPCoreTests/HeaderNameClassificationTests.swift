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
