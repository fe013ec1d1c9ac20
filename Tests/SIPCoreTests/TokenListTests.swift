import XCTest
@testable import SIPCore

/// Comma-separated token lists: Supported, Require, Proxy-Require, Unsupported, Allow, Allow-Events
/// (RFC 3261 §7.3.1: one list may span several lines).
final class TokenListTests: XCTestCase {
    private func message(_ headers: String) throws -> SipMessage {
        try SipMessage.parse(Fixtures.crlf("OPTIONS sip:a@example.com SIP/2.0\n\(headers)\n\n"))
    }

    func testTokensAreSplitOnCommasWithAnyWhitespace() throws {
        XCTAssertEqual(try message("Supported: replaces,100rel , timer ,\tpath")[.supported], ["replaces", "100rel", "timer", "path"])
    }

    func testListsAcrossLinesAreJoinedInOrder() throws {
        XCTAssertEqual(try message("Allow: INVITE, ACK\nAllow: BYE\nk: x")[.allow], ["INVITE", "ACK", "BYE"])
        XCTAssertEqual(try message("Allow: INVITE, ACK\nAllow: BYE\nk: x")[.supported], ["x"])
    }

    func testEveryTokenListKeyReadsItsHeader() throws {
        let m = try message("Require: a\nProxy-Require: b\nUnsupported: c\nAllow-Events: presence, dialog\nu: reg")
        XCTAssertEqual(m[.require], ["a"])
        XCTAssertEqual(m[.proxyRequire], ["b"])
        XCTAssertEqual(m[.unsupported], ["c"])
        XCTAssertEqual(m[.allowEvents], ["presence", "dialog", "reg"])
    }

    func testEmptyElementsAreTolerated() throws {
        XCTAssertEqual(try message("Supported: ,a,,b,")[.supported], ["a", "b"])
    }

    func testFoldedListIsRead() throws {
        XCTAssertEqual(try message("Supported: a,\n b")[.supported], ["a", "b"])
    }

    func testNonTokenElementIsAnError() throws {
        for value in ["a b", "a;b", "a, <b>", "\"a\""] {
            XCTAssertThrowsError(try message("Supported: \(value)").values(.supported), value)
            XCTAssertEqual(try message("Supported: \(value)")[.supported], [], value)
        }
    }

    func testAbsentListIsEmpty() throws {
        XCTAssertEqual(try message("Max-Forwards: 70")[.require], [])
        XCTAssertEqual(try message("Max-Forwards: 70").values(.require), [])
    }

    func testSettingAListWritesOneLine() throws {
        let m = try message("Supported: a\nSupported: b")
        m[.supported] = ["x", "y", "z"]
        XCTAssertEqual(m.headerValues(named: "Supported"), ["x", "y", "z"])
        m[.supported] = ["x"]
        XCTAssertEqual(m.headerValues(named: "Supported"), ["x"])
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r[.supported], ["x"])
    }

    func testPushBackAppendsAfterTheLastLine() throws {
        let m = try message("Require: a\nMax-Forwards: 1")
        m.pushBack(.require, "b")
        XCTAssertEqual(m.headerNames, ["Require", "Require", "Max-Forwards"])
        XCTAssertEqual(m[.require], ["a", "b"])
    }
}
