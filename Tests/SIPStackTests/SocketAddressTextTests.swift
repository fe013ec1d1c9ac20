import NIOCore
import XCTest
@testable import SIPStack

/// `addressText` writes an IPv4 address itself; it must read exactly as NIO's `ipAddress`.
final class SocketAddressTextTests: XCTestCase {
    func testIPv4AddressesReadAsInetNtopWritesThem() throws {
        let samples = ["0.0.0.0", "255.255.255.255", "127.0.0.1", "192.0.2.1", "10.0.100.9", "1.20.3.100",
                       "99.100.101.9", "203.0.113.250"]
        for text in samples {
            let address = try SocketAddress(ipAddress: text, port: 5060)
            XCTAssertEqual(address.addressText, text)
            XCTAssertEqual(address.addressText, address.ipAddress)
        }
    }

    func testEveryOctetValueInEveryPosition() throws {
        for octet in 0...255 {
            for position in 0..<4 {
                var parts = [7, 8, 9, 10]
                parts[position] = octet
                let address = try SocketAddress(ipAddress: parts.map(String.init).joined(separator: "."), port: 1)
                XCTAssertEqual(address.addressText, address.ipAddress)
            }
        }
    }

    func testIPv6AddressesAreWrittenByInetNtop() throws {
        for text in ["::1", "2001:db8::7", "fe80::1:2"] {
            let address = try SocketAddress(ipAddress: text, port: 5060)
            XCTAssertEqual(address.addressText, address.ipAddress)
            XCTAssertEqual(address.addressText, text)
        }
    }
}
