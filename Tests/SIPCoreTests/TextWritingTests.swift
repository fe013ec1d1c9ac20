import XCTest
@testable import SIPCore

/// The byte writers the serializers use.
final class TextWritingTests: XCTestCase {
    func testDecimalsAreWrittenLikeTheirDescription() {
        for v in [0, 1, 9, 10, 70, 99, 100, 5060, 65535, 314159, 2147483647, -1, -70, Int.max, Int.min] {
            var out: [UInt8] = [0x41]
            out.appendDecimal(v)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "A\(v)")
        }
    }

    func testUTF8TextIsAppendedWhole() {
        for text in ["", "SIP", "pc33.atlanta.example.com", "Zoë 日本", String(repeating: "x", count: 100)] {
            var out: [UInt8] = [0x41]
            out.appendUTF8(text)
            XCTAssertEqual(out, [0x41] + Array(text.utf8))
        }
    }

    func testASCIILiteralsAreAppendedWhole() {
        var out: [UInt8] = [0x41]
        out.appendASCII("SIP/2.0/")
        out.appendASCII("x")
        out.appendASCII("")
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "ASIP/2.0/x")
    }

    func testAViaOfAnotherProtocolIsWrittenAsItIs() throws {
        XCTAssertEqual(try Via("SIP/2.0/UDP h.example.com;branch=z9hG4bK1").description, "SIP/2.0/UDP h.example.com;branch=z9hG4bK1")
        XCTAssertEqual(try Via("XSIP/3.0/UDP h.example.com").description, "XSIP/3.0/UDP h.example.com")
        XCTAssertEqual(try Via("SIP/2.1/TCP h.example.com:5060").description, "SIP/2.1/TCP h.example.com:5060")
    }
}
