import XCTest
@testable import SIPCore

final class RetryAfterTests: XCTestCase {
    func testSecondsOnly() throws {
        let r = try RetryAfter("120")
        XCTAssertEqual(r.seconds, 120)
        XCTAssertNil(r.comment)
        XCTAssertNil(r.duration)
    }

    func testCommentAndDurationFromRFC3261() throws {
        let r = try RetryAfter("18000;duration=3600")
        XCTAssertEqual(r.duration, 3600)
        let c = try RetryAfter("120 (I'm in a meeting)")
        XCTAssertEqual(c.comment, "I'm in a meeting")
    }

    func testNestedCommentsAndQuotedPairs() throws {
        let r = try RetryAfter(#"  60   (back (soon) \) really)  ;  duration = 10 ; x"#)
        XCTAssertEqual(r.seconds, 60)
        XCTAssertEqual(r.comment, "back (soon) ) really")
        XCTAssertEqual(r.duration, 10)
        XCTAssertTrue(r.parameters.contains("x"))
    }

    func testMalformedValuesAreRejected() {
        XCTAssertParseError(try RetryAfter(""), header: "Retry-After")
        XCTAssertParseError(try RetryAfter("soon"), header: "Retry-After")
        XCTAssertParseError(try RetryAfter("120 (unterminated"), header: "Retry-After")
        XCTAssertParseError(try RetryAfter("120;duration=forever"), header: "Retry-After")
        XCTAssertParseError(try RetryAfter("99999999999"), header: "Retry-After")
    }

    func testDeeplyNestedCommentIsRejectedNotRecursed() {
        let deep = "1 " + String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)
        XCTAssertParseError(try RetryAfter(deep), header: "Retry-After")
    }

    func testWriteParseRoundTrip() throws {
        XCTAssertRoundTrips(RetryAfter(seconds: 30, comment: "a (b) c \\ d )", duration: 5))
        XCTAssertRoundTrips(try RetryAfter("0"))
    }

    func testReadFromAMessage() throws {
        let m = try HeaderTestSupport.message(["Retry-After: 300 (maintenance);duration=60"])
        XCTAssertEqual(m[.retryAfter]?.seconds, 300)
        XCTAssertEqual(m[.retryAfter]?.comment, "maintenance")
        XCTAssertEqual(m[.retryAfter]?.duration, 60)
    }
}
