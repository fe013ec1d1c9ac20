import XCTest
@testable import SIPCore

/// Generated messages (seeded, so every run sees the same ones) parse back to the
/// values they were generated from, serialize byte for byte, and survive typed edits.
final class PropertyRoundTripTests: XCTestCase {
    static let cases = 600

    private func assertSame(_ a: NameAddr?, _ b: NameAddr, _ context: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("\(context): missing", file: file, line: line) }
        XCTAssertEqual(a.displayName, b.displayName, context, file: file, line: line)
        XCTAssertEqual(a.uri.description, b.uri.description, context, file: file, line: line)
        XCTAssertEqual(a.uri, b.uri, context, file: file, line: line)
        XCTAssertEqual(a.parameters, b.parameters, context, file: file, line: line)
        XCTAssertEqual(a.isWildcard, b.isWildcard, context, file: file, line: line)
    }

    private func assertSame(_ a: [NameAddr], _ b: [NameAddr], _ context: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, context, file: file, line: line)
        for (x, y) in zip(a, b) { assertSame(x, y, context, file: file, line: line) }
    }

    /// Asserts that every typed read of `m` gives the model's value.
    private func assertMatches(_ m: SipMessage, _ model: MessageModel, _ context: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(m.isRequest, model.isRequest, context, file: file, line: line)
        if model.isRequest {
            XCTAssertEqual(m.method, model.method, context, file: file, line: line)
            XCTAssertEqual(m.requestURI?.description, model.uri.description, context, file: file, line: line)
        } else {
            XCTAssertEqual(m.statusCode, model.statusCode, context, file: file, line: line)
            XCTAssertEqual(m.reasonPhrase, model.reason, context, file: file, line: line)
        }
        XCTAssertEqual(m[.vias], model.vias, context, file: file, line: line)
        assertSame(m[.from], model.from, "\(context) From", file: file, line: line)
        assertSame(m[.to], model.to, "\(context) To", file: file, line: line)
        XCTAssertEqual(m[.callID], model.callID, context, file: file, line: line)
        XCTAssertEqual(m[.cSeq], model.cseq, context, file: file, line: line)
        XCTAssertEqual(m[.maxForwards], model.maxForwards, context, file: file, line: line)
        assertSame(m[.contacts], model.contacts, "\(context) Contact", file: file, line: line)
        assertSame(m[.routes], model.routes, "\(context) Route", file: file, line: line)
        XCTAssertEqual(m[.supported], model.supported, context, file: file, line: line)
        XCTAssertEqual(m[.expires], model.expires, context, file: file, line: line)
        XCTAssertEqual(m[.subject], model.subject, context, file: file, line: line)
        for x in model.extras {
            XCTAssertEqual(m.headerValue(named: x.name), x.value, context, file: file, line: line)
        }
        XCTAssertEqual(m.body, model.body, context, file: file, line: line)
        XCTAssertEqual(m[.contentLength], model.body.count, context, file: file, line: line)
    }

    func testGeneratedMessagesParseToTheirValuesAndSerializeByteForByte() throws {
        var g = MessageGenerator(seed: 0x5eed_0001)
        for i in 0..<Self.cases {
            let model = g.model()
            let bytes = g.render(model)
            let context = "case \(i):\n\(String(decoding: bytes, as: UTF8.self))"
            let m: SipMessage
            do { m = try SipMessage.parse(bytes) } catch {
                XCTFail("\(context)\n\(error)")
                continue
            }
            assertMatches(m, model, context)
            XCTAssertEqual(m.serialize(), bytes, context)
            if testRun?.failureCount ?? 0 > 20 { return }
        }
    }

    func testGeneratedMessagesSurviveTypedEditsAndReparse() throws {
        var g = MessageGenerator(seed: 0x5eed_0002)
        for i in 0..<Self.cases {
            var model = g.model()
            let m = try SipMessage.parse(g.render(model))
            for _ in 0..<g.rng.int(1...4) {
                switch g.rng.int(0...11) {
                case 0:
                    model.cseq.sequence = UInt32(g.rng.int(0...Int(Int32.max)))
                    m[.cSeq] = model.cseq
                case 1:
                    let v = g.via()
                    model.vias.insert(v, at: 0)
                    m.pushFront(.vias, v)
                case 2:
                    if !model.routes.isEmpty { model.routes.removeFirst() }
                    m.popFront(.routes)
                case 3:
                    let t = g.token()
                    model.to.tag = t
                    m[.to]?.tag = t
                case 4:
                    guard model.isRequest else { continue }
                    model.uri = g.uri()
                    m.requestURI = model.uri
                case 5:
                    model.body = g.rng.bytes(g.rng.int(0...100))
                    m.body = model.body
                case 6:
                    model.contacts = (0..<g.rng.int(0...3)).map { _ in g.nameAddr(contact: true) }
                    m[.contacts] = model.contacts
                case 7:
                    model.maxForwards = g.rng.int(0...255)
                    m[.maxForwards] = model.maxForwards
                case 8:
                    model.supported = []
                    m.remove(.supported)
                case 9:
                    model.subject = g.text(words: 1...4)
                    m[.subject] = model.subject
                case 10:
                    guard let x = model.extras.first else { continue }
                    let v = g.text(words: 1...3)
                    model.extras[0].value = v
                    try m.setHeader(named: x.name, value: v)
                default:
                    guard !model.isRequest else { continue }
                    model.statusCode = g.rng.int(100...699)
                    model.reason = g.text(words: 1...3)
                    m.statusCode = model.statusCode
                    m.reasonPhrase = model.reason
                }
            }
            let out = m.serialize()
            let context = "case \(i):\n\(String(decoding: out, as: UTF8.self))"
            assertMatches(m, model, context + " (before reparse)")
            let r: SipMessage
            do { r = try SipMessage.parse(out) } catch {
                XCTFail("\(context)\n\(error)")
                continue
            }
            assertMatches(r, model, context)
            XCTAssertEqual(r.serialize(), out, context)
            if testRun?.failureCount ?? 0 > 20 { return }
        }
    }

    func testRequestsBuiltByHelperAndEditedReparseToTheSameValues() throws {
        var g = MessageGenerator(seed: 0x5eed_0003)
        for i in 0..<Self.cases {
            var to = g.nameAddr()
            to.tag = nil
            let m = Helper.makeRequest(method: g.method(), target: g.uri(), from: g.nameAddr(), to: to,
                                       contact: g.rng.chance(0.5) ? g.nameAddr(contact: true) : nil,
                                       via: g.rng.chance(0.8) ? g.via() : nil, callID: g.rng.chance(0.5) ? g.callID() : nil,
                                       cseq: UInt32(g.rng.int(0...Int(Int32.max))))
            if g.rng.chance(0.5) { m[.cSeq]?.sequence += 1 }
            if g.rng.chance(0.5) { m.pushFront(.vias, g.via()) }
            if g.rng.chance(0.3) { m[.maxForwards] = g.rng.int(0...69) }
            if g.rng.chance(0.3) { m.requestURI = g.uri() }
            if g.rng.chance(0.3) { m.body = g.rng.bytes(g.rng.int(1...100)) }
            if g.rng.chance(0.3) { m[.routes] = (0..<g.rng.int(1...3)).map { _ in NameAddr(uri: .sip(g.sipURI())) } }
            if g.rng.chance(0.3) { m[.to]?.tag = g.token() }
            if g.rng.chance(0.3) { m[.supported] = (0..<g.rng.int(1...3)).map { _ in g.token() } }
            if g.rng.chance(0.3) { try m.addHeader(named: "X-Edit", value: g.text(words: 1...3)) }

            let out = m.serialize()
            let context = "case \(i):\n\(String(decoding: out, as: UTF8.self))"
            let r: SipMessage
            do { r = try SipMessage.parse(out) } catch {
                XCTFail("\(context)\n\(error)")
                continue
            }
            XCTAssertEqual(r.method, m.method, context)
            XCTAssertEqual(r.requestURI?.description, m.requestURI?.description, context)
            XCTAssertEqual(r[.vias], m[.vias], context)
            if let from = m[.from] { assertSame(r[.from], from, context) } else { XCTFail(context) }
            if let to = m[.to] { assertSame(r[.to], to, context) } else { XCTFail(context) }
            XCTAssertEqual(r[.callID], m[.callID], context)
            XCTAssertEqual(r[.cSeq], m[.cSeq], context)
            XCTAssertEqual(r[.maxForwards], m[.maxForwards], context)
            assertSame(r[.contacts], m[.contacts], context)
            assertSame(r[.routes], m[.routes], context)
            XCTAssertEqual(r[.supported], m[.supported], context)
            XCTAssertEqual(r.headerValue(named: "X-Edit"), m.headerValue(named: "X-Edit"), context)
            XCTAssertEqual(r.body, m.body, context)
            XCTAssertEqual(r[.contentLength], m.bodyCount, context)
            XCTAssertEqual(r.serialize(), out, context)
            if testRun?.failureCount ?? 0 > 20 { return }
        }
    }
}
