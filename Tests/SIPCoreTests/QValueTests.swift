import XCTest
@testable import SIPCore

/// q-values (RFC 3261 §20.10, §25.1 `qvalue`).
final class QValueTests: XCTestCase {
    func testValidValuesAreReadExactly() {
        XCTAssertEqual(QValue("0")?.thousandths, 0)
        XCTAssertEqual(QValue("1")?.thousandths, 1000)
        XCTAssertEqual(QValue("0.5")?.thousandths, 500)
        XCTAssertEqual(QValue("0.123")?.thousandths, 123)
        XCTAssertEqual(QValue("1.000")?.thousandths, 1000)
        XCTAssertEqual(QValue("0.")?.thousandths, 0)
    }

    func testValuesOutsideTheGrammarAreNil() {
        for text in ["", "2", "1.5", "1.001", "0.1234", "-0.5", ".5", "0,5", "0.5x", "01"] {
            XCTAssertNil(QValue(text), text)
        }
    }

    func testWritingIsShortest() {
        XCTAssertEqual(QValue(thousandths: 500)?.description, "0.5")
        XCTAssertEqual(QValue(thousandths: 50)?.description, "0.05")
        XCTAssertEqual(QValue(thousandths: 1000)?.description, "1")
        XCTAssertEqual(QValue(thousandths: 0)?.description, "0")
    }

    func testOutOfRangeThousandthsAreNil() {
        XCTAssertNil(QValue(thousandths: 1001))
        XCTAssertNil(QValue(thousandths: -1))
    }

    func testOrdering() {
        XCTAssertLessThan(QValue("0.1")!, QValue("0.7")!)
    }
}
