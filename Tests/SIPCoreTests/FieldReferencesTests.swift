import XCTest
@testable import SIPCore

/// What header lines refer to (typed values, encodings, names) lives in the message's table
/// of field references. A line read, set or added keeps what it refers to through inserts,
/// removals, copies and any number of rewrites, and the table stays bounded.
final class FieldReferencesTests: XCTestCase {
    private let request = Fixtures.bodilessRequest

    func testAReceivedMessageNobodyReadHasNoReferences() throws {
        let m = try SipMessage.parse(request)
        XCTAssertTrue(m.fieldReferences.isEmpty)
        XCTAssertEqual(m.fieldReferences.capacity, 0, "indexing allocates no table")
    }

    func testCachedValuesStayWithTheirLinesWhenLinesAreInsertedBefore() throws {
        let m = try SipMessage.parse(request)
        XCTAssertEqual(try m.get(.from).tag, "a1")
        XCTAssertEqual(try m.get(.callID), "c1@192.0.2.7")
        m.pushFront(.vias, Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK-2"))
        m.pushFront(.routes, NameAddr(uri: .sip(SipURI(host: "p0.example.test"))))
        XCTAssertEqual(try m.get(.from).tag, "a1")
        XCTAssertEqual(try m.get(.callID), "c1@192.0.2.7")
        XCTAssertEqual(try m.values(.vias).map(\.branch), ["z9hG4bK-2", "z9hG4bK-1"])
        XCTAssertEqual(try m.values(.routes).map { $0.uri.description },
                       ["sip:p0.example.test", "sip:p1.example.test;lr"])
    }

    func testRewritingALineManyTimesKeepsTheTableBoundedAndTheLastValue() throws {
        let m = try SipMessage.parse(request)
        // Each rewrite of a list line makes a new line; the ones it replaces are dropped
        // from the table when slot numbers would run out of 16 bits.
        for n in 0..<70_000 {
            m[.routes] = [NameAddr(uri: .sip(SipURI(host: "p\(n).example.test")))]
        }
        XCTAssertLessThan(m.fieldReferences.count, Int(UInt16.max))
        XCTAssertEqual(m.front(.routes)?.uri.description, "sip:p69999.example.test")
        XCTAssertEqual(try m.get(.from).tag, "a1")
        let text = String(decoding: m.serialize(), as: UTF8.self)
        XCTAssertTrue(text.contains("Route: <sip:p69999.example.test>\r\n"), text)
        XCTAssertEqual(try SipMessage.parse(m.serialize()).front(.routes)?.uri.description,
                       "sip:p69999.example.test")
    }

    func testSettingASingleValuedHeaderAgainReusesItsEntry() throws {
        let m = try SipMessage.parse(request)
        m[.maxForwards] = 69
        let entries = m.fieldReferences.count
        for n in 0..<100 { m[.maxForwards] = n }
        XCTAssertEqual(m.fieldReferences.count, entries)
        XCTAssertEqual(m[.maxForwards], 99)
    }

    func testACopySharesNothingItCanChange() throws {
        let m = try SipMessage.parse(request)
        XCTAssertEqual(try m.get(.from).tag, "a1")
        let c = m.copy()
        c[.from]?.tag = "b2"
        try c.addHeader(named: "X-Trace", value: "copy")
        XCTAssertEqual(m[.from]?.tag, "a1")
        XCTAssertNil(m.headerValue(named: "X-Trace"))
        XCTAssertEqual(c[.from]?.tag, "b2")
        XCTAssertEqual(c.headerValue(named: "x-trace"), "copy")
    }

    func testAResponseTakesTheRequestLinesWithTheirValuesAndEncodings() throws {
        let m = try SipMessage.parse(request)
        XCTAssertEqual(try m.get(.from).tag, "a1")  // cached in the request
        m.pushFront(.vias, Via(transport: "TCP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK-2"))
        let r = Helper.makeResponse(to: m, code: 180)
        XCTAssertEqual(r[.from]?.tag, "a1")
        XCTAssertEqual(try r.values(.vias).map(\.branch), ["z9hG4bK-2", "z9hG4bK-1"])
        let text = String(decoding: r.serialize(), as: UTF8.self)
        XCTAssertTrue(text.contains("Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-2\r\n"), text)
    }
}
