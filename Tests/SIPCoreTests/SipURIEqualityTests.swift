import XCTest
@testable import SIPCore

/// SIP URI comparison, going through the examples of RFC 3261 §19.1.4.
final class SipURIEqualityTests: XCTestCase {
    private func assertEqualURIs(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try SipURI(a), y = try SipURI(b)
        XCTAssertEqual(x, y, "\(a) == \(b)", file: file, line: line)
        XCTAssertEqual(y, x, "\(b) == \(a)", file: file, line: line)
        XCTAssertEqual(x.hashValue, y.hashValue, "equal URIs hash alike: \(a), \(b)", file: file, line: line)
        XCTAssertEqual(try URI(a), try URI(b), file: file, line: line)
    }

    private func assertDifferentURIs(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try SipURI(a), y = try SipURI(b)
        XCTAssertNotEqual(x, y, "\(a) != \(b)", file: file, line: line)
        XCTAssertNotEqual(y, x, "\(b) != \(a)", file: file, line: line)
    }

    // The equivalent sets of §19.1.4.

    func testEscapedUserAndHostCaseAndParameterCaseAreIgnored() throws {
        try assertEqualURIs("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")
    }

    func testParametersInOnlyOneURIAreIgnored() throws {
        try assertEqualURIs("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")
        try assertEqualURIs("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")
        try assertEqualURIs("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")
    }

    func testParameterOrderIsIgnored() throws {
        try assertEqualURIs("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                            "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")
    }

    func testHeaderOrderIsIgnored() throws {
        try assertEqualURIs("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                            "sip:alice@atlanta.com?priority=urgent&subject=project%20x")
    }

    // The non-equivalent sets of §19.1.4.

    func testUserIsComparedCaseSensitively() throws {
        try assertDifferentURIs("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")
    }

    func testExplicitDefaultPortDiffersFromNoPort() throws {
        try assertDifferentURIs("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")
    }

    func testTransportInOnlyOneURIDiffers() throws {
        try assertDifferentURIs("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")
    }

    func testPortAndTransportInOnlyOneURIDiffer() throws {
        try assertDifferentURIs("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")
    }

    func testHeaderInOnlyOneURIDiffers() throws {
        try assertDifferentURIs("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")
    }

    func testHostNameDiffersFromTheAddressItResolvesTo() throws {
        try assertDifferentURIs("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")
    }

    // The other rules of §19.1.4.

    func testSipAndSipsDiffer() throws {
        try assertDifferentURIs("sip:bob@biloxi.com", "sips:bob@biloxi.com")
    }

    func testURIWithUserDiffersFromURIWithout() throws {
        try assertDifferentURIs("sip:biloxi.com", "sip:bob@biloxi.com")
    }

    func testPasswordIsComparedCaseSensitively() throws {
        try assertDifferentURIs("sip:bob:Secret@biloxi.com", "sip:bob:secret@biloxi.com")
        try assertDifferentURIs("sip:bob:secret@biloxi.com", "sip:bob@biloxi.com")
    }

    func testEachOfUserTtlMethodMaddrTransportMustMatchWhenInEither() throws {
        for p in ["user=phone", "ttl=1", "method=INVITE", "maddr=239.255.255.1", "transport=tcp"] {
            try assertDifferentURIs("sip:bob@biloxi.com", "sip:bob@biloxi.com;\(p)")
        }
        try assertDifferentURIs("sip:bob@biloxi.com;ttl=1", "sip:bob@biloxi.com;ttl=2")
        try assertDifferentURIs("sip:bob@biloxi.com;method=INVITE", "sip:bob@biloxi.com;method=BYE")
    }

    func testOtherParameterInBothMustMatch() throws {
        try assertDifferentURIs("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")
        try assertEqualURIs("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;SECURITY=ON")
    }

    func testLrInOnlyOneURIIsIgnored() throws {
        try assertEqualURIs("sip:proxy.example.com", "sip:proxy.example.com;lr")
    }

    func testHeaderValuesMustMatch() throws {
        try assertDifferentURIs("sip:a@b.com?subject=x", "sip:a@b.com?subject=y")
        try assertEqualURIs("sip:a@b.com?Subject=x", "sip:a@b.com?subject=x")
    }

    func testIPv6HostsCompareIgnoringCase() throws {
        try assertEqualURIs("sip:bob@[2001:DB8::1]", "sip:bob@[2001:db8::1]")
    }

    func testEqualURIsCollapseInASet() throws {
        let set: Set<SipURI> = [try SipURI("sip:%61lice@atlanta.com;transport=TCP"),
                                try SipURI("sip:alice@AtLanTa.CoM;Transport=tcp")]
        XCTAssertEqual(set.count, 1)
    }
}
