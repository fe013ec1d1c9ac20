import XCTest
@testable import SIPCore

final class SdpContentsTests: XCTestCase {
    /// An audio+video offer with session- and media-level lines of most kinds, an IPv6 c=,
    /// and z=/k= lines that the model keeps as other lines.
    static let offer = Fixtures.crlf("""
    v=0
    o=alice 2890844526 2890844527 IN IP6 2001:db8::101
    s=Call with video
    i=A test session
    u=http://www.example.com/seminars/sdp.pdf
    e=alice@example.com (Alice)
    p=+1 617 555-6011
    c=IN IP6 2001:db8::101
    b=AS:2000
    t=2873397496 2873404696
    r=7d 1h 0 25h
    z=2882844526 -1h 2898848070 0
    k=prompt
    a=group:BUNDLE 0 1
    a=ice-lite
    m=audio 49170 RTP/AVP 0 8 111 101
    i=voice
    b=AS:64
    a=mid:0
    a=rtpmap:0 PCMU/8000
    a=rtpmap:8 PCMA/8000
    a=rtpmap:111 opus/48000/2
    a=fmtp:111 minptime=10;useinbandfec=1
    a=rtpmap:101 telephone-event/8000
    a=fmtp:101 0-15
    a=ptime:20
    a=sendonly
    m=video 51372/2 RTP/AVPF 96 97
    c=IN IP4 192.0.2.102
    k=clear:secret
    a=mid:1
    a=rtpmap:96 H264/90000
    a=fmtp:96 profile-level-id=42e01f;packetization-mode=1
    a=rtpmap:97 VP8/90000
    a=rtcp-fb:96 nack pli
    a=inactive

    """)

    func testSessionLevelFieldsAreTyped() throws {
        let s = try SdpContents(Self.offer)
        XCTAssertEqual(s.version, 0)
        XCTAssertEqual(s.origin.username, "alice")
        XCTAssertEqual(s.origin.sessionID, "2890844526")
        XCTAssertEqual(s.origin.sessionVersion, "2890844527")
        XCTAssertEqual(s.origin.addrType, "IP6")
        XCTAssertEqual(s.origin.address, "2001:db8::101")
        XCTAssertEqual(s.sessionName, "Call with video")
        XCTAssertEqual(s.information, "A test session")
        XCTAssertEqual(s.uri, "http://www.example.com/seminars/sdp.pdf")
        XCTAssertEqual(s.emails, ["alice@example.com (Alice)"])
        XCTAssertEqual(s.phones, ["+1 617 555-6011"])
        XCTAssertEqual(s.connection, .init(netType: "IN", addrType: "IP6", address: "2001:db8::101"))
        XCTAssertEqual(s.bandwidths, [.init(type: "AS", value: 2000)])
        XCTAssertEqual(s.timings, [.init(start: 2_873_397_496, stop: 2_873_404_696, repeats: ["7d 1h 0 25h"])])
        XCTAssertEqual(s.otherLines.map(\.type), ["z", "k"])
        XCTAssertEqual(s.attributes, [.init("group", "BUNDLE 0 1"), .init("ice-lite")])
    }

    func testMediaDescriptionsAreTyped() throws {
        let s = try SdpContents(Self.offer)
        XCTAssertEqual(s.media.count, 2)
        let audio = s.media[0], video = s.media[1]
        XCTAssertEqual(audio.media, "audio")
        XCTAssertEqual(audio.port, 49170)
        XCTAssertNil(audio.portCount)
        XCTAssertEqual(audio.proto, "RTP/AVP")
        XCTAssertEqual(audio.formats, ["0", "8", "111", "101"])
        XCTAssertEqual(audio.information, "voice")
        XCTAssertEqual(audio.bandwidths, [.init(type: "AS", value: 64)])
        XCTAssertEqual(video.port, 51372)
        XCTAssertEqual(video.portCount, 2)
        XCTAssertEqual(video.connection?.address, "192.0.2.102")
        XCTAssertEqual(video.otherLines, [.init(type: "k", value: "clear:secret")])
    }

    func testRtpmapAndFmtpHelpers() throws {
        let audio = try SdpContents(Self.offer).media[0]
        XCTAssertEqual(audio.rtpmaps.map(\.encodingName), ["PCMU", "PCMA", "opus", "telephone-event"])
        XCTAssertEqual(audio.rtpmap(for: 111), SdpRtpMap(payloadType: 111, encodingName: "opus", clockRate: 48000,
                                                         encodingParameters: "2"))
        XCTAssertEqual(audio.fmtp(for: "101"), "0-15")
        XCTAssertEqual(audio.attribute(named: "ptime")?.value, "20")
        XCTAssertNil(audio.attribute(named: "PTIME"), "attribute names are case-sensitive")
    }

    func testDirectionPerMediaWithSessionDefault() throws {
        var s = try SdpContents(Self.offer)
        XCTAssertNil(s.direction)
        XCTAssertEqual(s.media[0].direction, .sendonly)
        XCTAssertEqual(s.media[1].direction, .inactive)
        s.media[0].direction = .recvonly
        XCTAssertEqual(s.media[0].attributes.last, .init("recvonly"))
        XCTAssertEqual(s.media[0].attributes(named: "sendonly"), [])
        s.media[0].direction = nil
        XCTAssertEqual(s.effectiveDirection(of: s.media[0]), .sendrecv)
        s.direction = .sendonly
        XCTAssertEqual(s.effectiveDirection(of: s.media[0]), .sendonly)
    }

    func testWriteGivesBackTheSameBytes() throws {
        XCTAssertEqual(String(decoding: try SdpContents(Self.offer).bytes, as: UTF8.self), Self.offer)
        XCTAssertEqual(String(decoding: try SdpContents(Fixtures.sdp).bytes, as: UTF8.self), Fixtures.sdp)
    }

    func testLFLineEndsAndBlankLinesAreAccepted() throws {
        let lf = Self.offer.replacingOccurrences(of: "\r\n", with: "\n") + "\n\n"
        let s = try SdpContents(lf)
        XCTAssertEqual(s, try SdpContents(Self.offer))
        XCTAssertEqual(String(decoding: s.bytes, as: UTF8.self), Self.offer, "written back with CRLF")
    }

    func testUnknownLineTypesAreKeptInOrder() throws {
        let text = Fixtures.crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\ny=first\nx=second\nm=audio 0 RTP/AVP 0\nw=third\n")
        let s = try SdpContents(text)
        XCTAssertEqual(s.otherLines.map(\.value), ["first", "second"])
        XCTAssertEqual(s.media[0].otherLines.map(\.value), ["third"])
        XCTAssertEqual(String(decoding: s.bytes, as: UTF8.self), text)
    }

    func testBuildingAnAnswerInCode() throws {
        var s = SdpContents(origin: .init(sessionID: "42", sessionVersion: "9", addrType: "IP4", address: "192.0.2.9"),
                            connection: .init(address: "192.0.2.9"))
        var m = SdpMedia(media: "audio", port: 4000, formats: ["0"])
        m.attributes = [.init("rtpmap", SdpRtpMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000).attributeValue)]
        m.direction = .recvonly
        s.media = [m]
        s.origin.incrementVersion()
        XCTAssertEqual(String(decoding: s.bytes, as: UTF8.self), Fixtures.crlf("""
        v=0
        o=- 42 10 IN IP4 192.0.2.9
        s=-
        c=IN IP4 192.0.2.9
        t=0 0
        m=audio 4000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        a=recvonly

        """))
        XCTAssertEqual(try SdpContents(s.bytes), s)
    }

    func testSessionVersionIncrementCarriesPastSixtyFourBits() {
        var o = SdpContents.Origin(sessionID: "1", sessionVersion: "99999999999999999999", addrType: "IP4", address: "h")
        o.incrementVersion()
        XCTAssertEqual(o.sessionVersion, "100000000000000000000")
    }

    // MARK: Errors

    private func assertBadSDP(_ text: String, line: Int, file: StaticString = #filePath, testLine: UInt = #line) {
        XCTAssertThrowsError(try SdpContents(text), file: file, line: testLine) { e in
            let err = e as? SipParseError
            XCTAssertEqual(err?.kind, .badBody, file: file, line: testLine)
            XCTAssertTrue(err?.detail.hasPrefix("SDP line \(line):") == true, "\(String(describing: err))",
                          file: file, line: testLine)
        }
    }

    func testMustStartWithVersion() {
        assertBadSDP("o=- 1 1 IN IP4 h\r\nv=0\r\n", line: 1)
        assertBadSDP("", line: 1)
    }

    func testMalformedLinesNameTheirLineNumber() {
        let head = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n"
        assertBadSDP(head + "t=0 0\r\nthis is not sdp\r\n", line: 5)
        assertBadSDP(head + "t=0\r\n", line: 4)
        assertBadSDP(head + "c=IN IP4\r\n", line: 4)
        assertBadSDP(head + "b=AS\r\n", line: 4)
        assertBadSDP(head + "b=AS:lots\r\n", line: 4)
        assertBadSDP(head + "r=1d 1h 0\r\n", line: 4)
        assertBadSDP(head + "m=audio\r\n", line: 4)
        assertBadSDP(head + "m=audio 70000 RTP/AVP 0\r\n", line: 4)
        assertBadSDP(head + "m=audio 99999999999999999999999 RTP/AVP 0\r\n", line: 4)
        assertBadSDP(head + "m=audio 5000/x RTP/AVP 0\r\n", line: 4)
        assertBadSDP(head + "m=audio 5000 RTP/AVP 0\r\nt=0 0\r\n", line: 5)
        assertBadSDP("v=x\r\n", line: 1)
        assertBadSDP("v=0\r\no=- abc 1 IN IP4 h\r\n", line: 2)
        assertBadSDP("v=0\r\no=- 1 1 IN IP4\r\n", line: 2)
        assertBadSDP("v=0\r\no=- 1 1 IN IP4 h\r\no=- 1 1 IN IP4 h\r\n", line: 3)
    }

    func testMissingRequiredLinesAreReported() {
        assertBadSDP("v=0\r\ns=-\r\n", line: 3)
        assertBadSDP("v=0\r\no=- 1 1 IN IP4 h\r\n", line: 3)
    }
}
