import XCTest
@testable import SIPCore

final class SipDateTests: XCTestCase {
    func testRFC3261ExampleDate() throws {
        let d = try SipDate("Sat, 13 Nov 2010 23:29:00 GMT")
        XCTAssertEqual(d.secondsSince1970, 1_289_690_940)
        XCTAssertEqual(d.weekday, 6)
    }

    func testBrokenDownComponents() {
        let c = SipDate(secondsSince1970: 951_825_600).components
        XCTAssertEqual(c.year, 2000)
        XCTAssertEqual(c.month, 2)
        XCTAssertEqual(c.day, 29)
        XCTAssertEqual(c.hour, 12)
    }

    func testWritesRFC1123Form() {
        XCTAssertEqual(SipDate(secondsSince1970: 1_289_690_940).headerText, "Sat, 13 Nov 2010 23:29:00 GMT")
        XCTAssertEqual(SipDate(secondsSince1970: 0).headerText, "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(SipDate(secondsSince1970: -1).headerText, "Wed, 31 Dec 1969 23:59:59 GMT")
        XCTAssertEqual(SipDate(secondsSince1970: 253_402_300_799).headerText, "Fri, 31 Dec 9999 23:59:59 GMT")
    }

    func testDatesBeforeTheEpochAndLeapYears() throws {
        XCTAssertEqual(try SipDate("Mon, 01 Jan 1601 00:00:00 GMT").secondsSince1970, -11_644_473_600)
        XCTAssertEqual(try SipDate("Thu, 29 Feb 2024 00:00:00 GMT").secondsSince1970, 1_709_164_800)
    }

    func testCaseAndWhitespaceAreTolerated() throws {
        XCTAssertEqual(try SipDate("  sat,13  NOV 2010   23:29:00 gmt ").secondsSince1970, 1_289_690_940)
    }

    func testCivilConversionRoundTripsOverFourCenturies() {
        var day = SipDate.daysFromCivil(year: 1800, month: 1, day: 1)
        let end = SipDate.daysFromCivil(year: 2200, month: 1, day: 1)
        while day < end {
            let c = SipDate.civilFromDays(day)
            XCTAssertEqual(SipDate.daysFromCivil(year: c.year, month: c.month, day: c.day), day)
            day += 1
        }
    }

    func testOutOfRangeFieldsAreRejected() {
        XCTAssertParseError(try SipDate("Sat, 30 Feb 2010 23:29:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 29 Feb 2023 00:00:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 Nov 2010 24:00:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 Nov 2010 23:60:00 GMT"), header: "Date")
    }

    func testMalformedDatesAreRejected() {
        XCTAssertParseError(try SipDate(""), header: "Date")
        XCTAssertParseError(try SipDate("Sat 13 Nov 2010 23:29:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Xyz, 13 Nov 2010 23:29:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 November 2010 23:29:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 Nov 10 23:29:00 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 Nov 2010 23:29:00 UTC"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 13 Nov 2010 23:29 GMT"), header: "Date")
        XCTAssertParseError(try SipDate("Sat, 999999999999999999999 Nov 2010 23:29:00 GMT"), header: "Date")
    }

    func testWriteParseRoundTrip() {
        for s in [0, 1_289_690_940, -11_644_473_600, 4_102_444_799] {
            XCTAssertRoundTrips(SipDate(secondsSince1970: s))
        }
    }

    func testReadFromAMessageDespiteTheComma() throws {
        let m = try HeaderTestSupport.message(["Date: Sat, 13 Nov 2010 23:29:00 GMT"])
        XCTAssertEqual(m[.date]?.secondsSince1970, 1_289_690_940)
        m[.date] = SipDate(secondsSince1970: 0)
        XCTAssertTrue(m.description.contains("\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\n"))
    }
}
