import XCTest
@testable import SIPCore

/// Byte-exact round trips over the corpus (ARCHITECTURE.md: unchanged parts are
/// written back byte for byte; a modified header is re-encoded alone).
final class RoundTripTests: XCTestCase {
    private func text(_ m: SipMessage) -> String { String(decoding: m.serialize(), as: UTF8.self) }

    private func lines(_ s: String) -> [String] { s.components(separatedBy: "\r\n") }

    /// The lines of `before` replaced to make `after`, found by stripping the common prefix and suffix.
    private func changedLines(_ before: String, _ after: String) -> (removed: [String], added: [String]) {
        let a = lines(before), b = lines(after)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        return (Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
    }

    /// Asserts that exactly one header line (with its continuations) named `oldNames` became `newLine`.
    private func assertOnlyOneHeaderChanged(_ before: String, _ after: String, oldNames: [String], newLine: String,
                                            _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let (removed, added) = changedLines(before, after)
        XCTAssertEqual(added, [newLine], name, file: file, line: line)
        guard let first = removed.first else { return XCTFail("\(name): nothing removed", file: file, line: line) }
        let headerName = first.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(oldNames.contains { $0.caseInsensitiveEquals(headerName) }, "\(name): changed \(first)", file: file, line: line)
        XCTAssertTrue(removed.dropFirst().allSatisfy { $0.hasPrefix(" ") || $0.hasPrefix("\t") },
                      "\(name): more than one header changed: \(removed)", file: file, line: line)
    }

    func testEveryCorpusMessageParses() throws {
        for (name, text) in Corpus.all {
            XCTAssertNoThrow(try SipMessage.parse(text), name)
        }
    }

    func testParseThenSerializeIsByteIdentical() throws {
        for (name, text) in Corpus.all {
            XCTAssertEqual(self.text(try SipMessage.parse(text)), text, name)
        }
    }

    func testSerializationIsByteIdenticalAfterEveryTypedRead() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            TypedReads.readEverything(m)
            XCTAssertEqual(self.text(m), text, name)
        }
    }

    func testEveryCorpusMessageHasReadableCoreHeaders() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            XCTAssertFalse(try m.values(.vias).isEmpty, name)
            XCTAssertNoThrow(try m.get(.from), name)
            XCTAssertNoThrow(try m.get(.to), name)
            XCTAssertNoThrow(try m.get(.callID), name)
            XCTAssertNoThrow(try m.get(.cSeq), name)
            XCTAssertEqual(try m.get(.contentLength), m.bodyCount, name)
            if m.isRequest { XCTAssertNoThrow(try m.parsedRequestURI(), name) }
        }
    }

    func testBodiesAreKeptAsOpaqueBytes() throws {
        let m = try SipMessage.parse(Corpus.inviteWithMultipart)
        XCTAssertEqual(m.body, Array(Corpus.multipartBody.utf8))
        let e = try SipMessage.parse(Corpus.extensionMethod)
        XCTAssertEqual(String(decoding: e.body, as: UTF8.self), "payload\r\nwith a line break")
    }

    func testChangingCallIDChangesOnlyThatLine() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            m[.callID] = "changed-call-id"
            assertOnlyOneHeaderChanged(text, self.text(m), oldNames: ["Call-ID", "i"],
                                       newLine: "Call-ID: changed-call-id", name)
        }
    }

    func testChangingCSeqChangesOnlyThatLine() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            let method = try m.get(.cSeq).method
            m[.cSeq]?.sequence = 4242
            assertOnlyOneHeaderChanged(text, self.text(m), oldNames: ["CSeq"], newLine: "CSeq: 4242 \(method)", name)
        }
    }

    func testChangingTheTopViaChangesOnlyItsLine() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            var vias = m[.vias]
            vias[0].received = "203.0.113.9"
            let sameLine = m.headerValues(named: "Via")[0].contains(",")
            m[.vias] = vias
            let out = self.text(m)
            let (removed, added) = changedLines(text, out)
            XCTAssertEqual(added.count, 1, name)
            XCTAssertTrue(added.first?.hasPrefix("Via: ") ?? false, name)
            XCTAssertTrue(added.first?.contains(";received=203.0.113.9") ?? false, name)
            XCTAssertTrue(removed.first.map { $0.hasPrefix("Via:") || $0.hasPrefix("v:") } ?? false, name)
            XCTAssertEqual(try SipMessage.parse(out)[.vias], vias, name)
            if sameLine { XCTAssertEqual(added.first?.components(separatedBy: ", SIP/").count, 2, name) }
        }
    }

    func testChangingTheToTagChangesOnlyThatLine() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            var to = try m.get(.to)
            to.tag = "newtag"
            m[.to] = to
            assertOnlyOneHeaderChanged(text, self.text(m), oldNames: ["To", "t"], newLine: "To: \(to.headerText)", name)
            XCTAssertEqual(try SipMessage.parse(self.text(m))[.to]?.tag, "newtag", name)
        }
    }

    func testChangingAFoldedHeaderReplacesItAndItsContinuations() throws {
        let m = try SipMessage.parse(Corpus.foldedLines)
        m[.subject] = "short"
        assertOnlyOneHeaderChanged(Corpus.foldedLines, text(m), oldNames: ["Subject"], newLine: "Subject: short", "folded")
    }

    func testReassigningAnEqualValueAfterReadingKeepsTheBytes() throws {
        for (name, text) in Corpus.all {
            let m = try SipMessage.parse(text)
            m[.cSeq] = m[.cSeq]
            XCTAssertEqual(self.text(m), text, name)
        }
    }

    func testChangingTheRequestURIChangesOnlyTheStartLine() throws {
        let m = try SipMessage.parse(Corpus.bye)
        m.requestURI = try URI("sip:alice@192.0.2.101:5060")
        let (removed, added) = changedLines(Corpus.bye, text(m))
        XCTAssertEqual(removed, ["BYE sip:alice@pc33.atlanta.example.com SIP/2.0"])
        XCTAssertEqual(added, ["BYE sip:alice@192.0.2.101:5060 SIP/2.0"])
    }

    func testChangingTheStatusCodeChangesOnlyTheStatusLine() throws {
        let m = try SipMessage.parse(Corpus.ringingWithRecordRoute)
        m.statusCode = 183
        m.reasonPhrase = "Session Progress"
        let (removed, added) = changedLines(Corpus.ringingWithRecordRoute, text(m))
        XCTAssertEqual(removed, ["SIP/2.0 180 Ringing"])
        XCTAssertEqual(added, ["SIP/2.0 183 Session Progress"])
    }

    func testACopyIsIndependentOfTheOriginal() throws {
        let m = try SipMessage.parse(Corpus.inviteWithSDP)
        let c = m.copy()
        c[.maxForwards] = 1
        XCTAssertEqual(text(m), Corpus.inviteWithSDP)
        XCTAssertEqual(c[.maxForwards], 1)
    }

    func testEveryKindOfChangedPieceIsWrittenInFull() throws {
        let m = try SipMessage.parse(Fixtures.crlf("""
            MESSAGE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK1
            Max-Forwards: 70
            From: <sip:alice@atlanta.example.com>;tag=1
            To: <sip:bob@biloxi.example.com>
            Call-ID: pieces@example.com
            CSeq: 1 MESSAGE
            Content-Length: 2

            hi
            """))
        m.requestURI = try URI("sip:bob@192.0.2.4:5070;transport=tcp")
        m.pushFront(.vias, Via(transport: "TCP", host: "2001:db8::1", port: 5061, branch: "z9hG4bK2"))
        m[.maxForwards] = Int(UInt32.max)
        try m.addHeader(named: "X-Extension-With-A-Long-Name", value: "a value")
        m.body = Array("a longer body".utf8)
        let expected = Fixtures.crlf("""
            MESSAGE sip:bob@192.0.2.4:5070;transport=tcp SIP/2.0
            Via: SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK2
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK1
            Max-Forwards: 4294967295
            From: <sip:alice@atlanta.example.com>;tag=1
            To: <sip:bob@biloxi.example.com>
            Call-ID: pieces@example.com
            CSeq: 1 MESSAGE
            Content-Length: 13
            X-Extension-With-A-Long-Name: a value

            a longer body
            """)
        XCTAssertEqual(text(m), expected)
        var appended = Array("prefix|".utf8)
        m.serialize(into: &appended)
        XCTAssertEqual(String(decoding: appended, as: UTF8.self), "prefix|" + expected)
    }
}
