import XCTest
@testable import SIPCore

/// Hostile input never traps or hangs: each input parses or throws, and every typed
/// read of a message that parsed returns a value or nil (ARCHITECTURE.md: never a crash).
final class HostileInputTests: XCTestCase {
    /// Limits large enough to let pathological header values reach the typed parsers.
    private var roomy: ParseLimits {
        var l = ParseLimits()
        l.maxMessageSize = 1 << 20
        l.maxHeaderLineLength = 1 << 20
        l.maxBodySize = 1 << 20
        l.maxHeaderCount = 20_000
        return l
    }

    /// Parses `bytes`; when that works, reads everything. Returns whether it parsed.
    @discardableResult
    private func survive(_ bytes: [UInt8], limits: ParseLimits = .default) -> Bool {
        guard let m = try? SipMessage.parse(bytes, limits: limits) else { return false }
        TypedReads.readEverything(m)
        return true
    }

    @discardableResult
    private func survive(_ text: String, limits: ParseLimits = .default) -> Bool { survive(Array(text.utf8), limits: limits) }

    private let head = "INVITE sip:bob@example.com SIP/2.0\r\n"

    private func withHeader(_ line: String) -> String { head + line + "\r\nContent-Length: 0\r\n\r\n" }

    // MARK: random input

    func testRandomBytesNeverTrap() {
        var rng = SplitMix64(seed: 0xbad_5eed)
        for _ in 0..<3000 { survive(rng.bytes(rng.int(0...400))) }
    }

    func testRandomBytesAfterAValidStartLineNeverTrap() {
        var rng = SplitMix64(seed: 0xbad_5eed + 1)
        for _ in 0..<2000 { survive(Array(head.utf8) + rng.bytes(rng.int(0...300)) + Array("\r\n\r\n".utf8)) }
    }

    /// Header values assembled from the grammar's delimiters, so they get past the
    /// index and reach each typed parser in odd states.
    func testRandomSIPFragmentsInEveryKnownHeaderNeverTrap() {
        var rng = SplitMix64(seed: 0xf4a6)
        let fragments = ["<", ">", "\"", "\\", ";", ",", ":", "@", "sip:", "sips:", "tel:", "urn:x", "[", "]", "=",
                         " ", "\t", "\r\n ", "%", "%4", "%41", "SIP/2.0/UDP ", "SIP", "/", "tag", "branch", "rport",
                         "lr", "*", "?", "&", "0", "65536", "2147483648", "99999999999", "+", "-", ".", "a", "host",
                         "::1", "q", "0.5", "expires", "\u{0}", "é", "\u{7f}"]
        let headers = KnownHeader.allCases.filter { $0 != .unknown }.map(\.canonicalName)
        for _ in 0..<4000 {
            let value = (0..<rng.int(0...24)).map { _ in rng.pick(fragments) }.joined()
            survive(withHeader("\(rng.pick(headers)): \(value)"))
        }
    }

    func testRandomSIPFragmentsInTheRequestURINeverTrap() {
        var rng = SplitMix64(seed: 0x0441)
        let fragments = ["sip:", "sips:", "tel:", "mailto:", "a", "@", ":", ";", "?", "&", "=", "[", "]", "%", "%2",
                         "%zz", "5060", "99999", "+1", "-", "phone-context", "lr", ">", "<", "\"", "é"]
        for _ in 0..<2000 {
            let uri = (0..<rng.int(1...12)).map { _ in rng.pick(fragments) }.joined()
            survive("OPTIONS \(uri) SIP/2.0\r\nContent-Length: 0\r\n\r\n")
        }
    }

    func testEveryTruncationOfEveryCorpusMessageParsesOrThrows() {
        for (_, text) in Corpus.all {
            let bytes = Array(text.utf8)
            for cut in 0...bytes.count { survive(Array(bytes[..<cut])) }
        }
    }

    func testEveryTruncationOfEveryHeaderValueParsesOrThrows() {
        for (_, text) in Corpus.all {
            let lines = text.components(separatedBy: "\r\n")
            guard let blank = lines.firstIndex(of: "") else { continue }
            for i in 1..<blank {
                let line = Array(lines[i].utf8)
                for cut in 0..<line.count {
                    var copy = lines
                    copy[i] = String(decoding: line[..<cut], as: UTF8.self)
                    survive(copy.joined(separator: "\r\n"))
                }
            }
        }
    }

    // MARK: pathological values

    func testHugeNumbersAreRejectedNotOverflowed() throws {
        let big = String(repeating: "9", count: 40)
        for line in ["CSeq: \(big) INVITE", "Max-Forwards: \(big)", "Expires: \(big)", "Content-Length: \(big)",
                     "Via: SIP/2.0/UDP h:\(big);rport=\(big);ttl=\(big)", "Contact: <sip:h:\(big)>;expires=\(big);q=\(big)",
                     "To: <sip:h;ttl=\(big)>"] {
            survive(withHeader(line))
        }
        XCTAssertThrowsError(try SipMessage.parse("SIP/2.0 \(big) OK\r\n\r\n"))
        XCTAssertThrowsError(try SipMessage.parse(head + "Content-Length: \(big)\r\n\r\n"))
        let m = try SipMessage.parse(withHeader("Via: SIP/2.0/UDP h;rport=\(big);ttl=\(big)"))
        XCTAssertNil(m[.vias].first?.rport)
        XCTAssertNil(m[.vias].first?.ttl)
    }

    func testNULBytesAnywhereNeverTrap() {
        let bytes = Array(Corpus.inviteWithSDP.utf8)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            var copy = bytes
            copy[i] = 0
            survive(copy)
        }
    }

    func testUnterminatedQuotesAndBracketsAreErrors() throws {
        for line in ["From: \"Alice <sip:a@b>;tag=1", "From: <sip:a@b;tag=1", "To: \"A\\", "Contact: <sip:a@b>;x=\"open",
                     "Via: SIP/2.0/UDP h;x=\"", "Via: SIP/2.0/UDP [::1;branch=z9hG4bK", "Route: <<<<", "To: >>>>",
                     "Contact: \"", "To: <sip:[::1>"] {
            let m = try SipMessage.parse(withHeader(line))
            TypedReads.readEverything(m)
            for key in [HeaderKey<NameAddr>.from, .to] where m.exists(key) {
                XCTAssertThrowsError(try m.get(key), line)
            }
            XCTAssertTrue(m[.contacts].isEmpty && m[.vias].isEmpty && m[.routes].isEmpty, line)
        }
    }

    func testTenThousandCommasNeverTrap() throws {
        let commas = String(repeating: ",", count: 10_000)
        for line in ["Via: \(commas)", "Contact: \(commas)", "Supported: \(commas)", "Route: <sip:a>\(commas)<sip:b>",
                     "Via: SIP/2.0/UDP a\(commas)SIP/2.0/UDP b", "To: \(commas)", "Call-ID: \(commas)"] {
            XCTAssertThrowsError(try SipMessage.parse(withHeader(line)), "the default line limit applies")
            survive(withHeader(line), limits: roomy)
        }
        let m = try SipMessage.parse(withHeader("Via: SIP/2.0/UDP a\(commas)SIP/2.0/UDP b"), limits: roomy)
        XCTAssertEqual(m[.vias].map(\.host), ["a", "b"])
    }

    func testTenThousandListElementsParseInBoundedTime() throws {
        let contacts = Array(repeating: "<sip:a@b>", count: 10_000).joined(separator: ",")
        let m = try SipMessage.parse(withHeader("Contact: \(contacts)"), limits: roomy)
        XCTAssertEqual(m[.contacts].count, 10_000)
    }

    func testDeeplyRepeatedParametersNeverTrap() throws {
        let params = String(repeating: ";lr", count: 20_000)
        for line in ["Via: SIP/2.0/UDP h\(params)", "Route: <sip:h\(params)>\(params)", "To: sip:h\(params)",
                     "Contact: *\(params)"] {
            survive(withHeader(line), limits: roomy)
        }
        XCTAssertTrue(survive("OPTIONS sip:h\(params) SIP/2.0\r\nContent-Length: 0\r\n\r\n", limits: roomy))
        let m = try SipMessage.parse(withHeader("Via: SIP/2.0/UDP h\(params);branch=z9hG4bKx"), limits: roomy)
        XCTAssertEqual(m[.vias].first?.branch, "z9hG4bKx")
    }

    func testManyHeaderLinesNeverTrap() {
        let lines = String(repeating: "Via: SIP/2.0/UDP h\r\n", count: 10_000)
        XCTAssertThrowsError(try SipMessage.parse(head + lines + "\r\n"), "the default header count applies")
        XCTAssertTrue(survive(head + lines + "\r\n", limits: roomy))
    }

    func testManyFoldedContinuationsNeverTrap() {
        let folded = "Subject: x" + String(repeating: "\r\n y", count: 20_000)
        XCTAssertTrue(survive(withHeader(folded), limits: roomy))
    }

    func testLongTokensNeverTrap() {
        let long = String(repeating: "a", count: 100_000)
        XCTAssertTrue(survive(withHeader("Via: SIP/2.0/UDP \(long);branch=\(long)"), limits: roomy))
        XCTAssertTrue(survive("\(long) sip:\(long)@\(long) SIP/2.0\r\nCSeq: 1 \(long)\r\n\r\n", limits: roomy))
    }

    func testBareLineFeedsAndLoneCarriageReturnsNeverTrap() {
        survive("INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nCall-ID: x\n\n")
        survive("INVITE sip:a@b SIP/2.0\rVia: SIP/2.0/UDP h\r\r\n\r\n")
        survive("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\rx\r\n\r\n")
        survive("\n\n\n\n\nSIP/2.0 200 OK\n\n")
    }

    func testStreamFramerSurvivesRandomBytes() {
        var rng = SplitMix64(seed: 0xf7a3e)
        let pieces = ["\r\n", "\r\n\r\n", "Content-Length: ", "l:", "5", "x", " ", "\r", "\n", "INVITE sip:a@b SIP/2.0"]
        for _ in 0..<1000 {
            var f = StreamFramer()
            for _ in 0..<rng.int(1...10) {
                f.append(Array((0..<rng.int(1...8)).map { _ in rng.pick(pieces) }.joined().utf8) + rng.bytes(rng.int(0...4)))
                while let item = try? f.next() {
                    if case .message(let bytes) = item { survive(bytes) }
                }
            }
        }
    }
}
