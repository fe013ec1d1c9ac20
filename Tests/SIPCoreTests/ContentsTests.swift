import XCTest
@testable import SIPCore

final class ContentsTests: XCTestCase {
    func testInviteBodyReadsAsSDP() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        let sdp = try XCTUnwrap(m.contents.sdp)
        XCTAssertEqual(sdp.origin.username, "alice")
        XCTAssertEqual(sdp.media.first?.rtpmaps.map(\.payloadType), [0, 8, 101])
        XCTAssertEqual(sdp.media.first?.direction, .sendrecv)
    }

    func testMessageWithoutBodyIsEmpty() throws {
        XCTAssertEqual(try SipMessage.parse(Fixtures.register).contents, .empty)
    }

    func testBodyWithoutContentTypeIsUntypedOpaque() throws {
        let m = try HeaderTestSupport.message([], body: "hello")
        XCTAssertEqual(m.contents, .opaque(mediaType: nil, bytes: Array("hello".utf8)))
    }

    func testUnknownTypeIsOpaqueWithItsMediaType() throws {
        let m = try HeaderTestSupport.message(["Content-Type: application/pidf+xml"], body: "<presence/>")
        XCTAssertEqual(m.contents, .opaque(mediaType: try MediaType("application/pidf+xml"), bytes: Array("<presence/>".utf8)))
    }

    func testMalformedSDPReadsAsOpaqueButParsedContentsThrows() throws {
        let m = try HeaderTestSupport.message(["Content-Type: application/sdp"], body: "garbage")
        XCTAssertEqual(m.contents, .opaque(mediaType: .sdp, bytes: Array("garbage".utf8)))
        XCTAssertParseError(try m.parsedContents(), header: nil, kind: .badBody)
    }

    func testMalformedContentTypeMakesParsedContentsThrow() throws {
        let m = try HeaderTestSupport.message(["Content-Type: sdp"], body: "v=0")
        XCTAssertParseError(try m.parsedContents(), header: "Content-Type")
        XCTAssertEqual(m.contents, .opaque(mediaType: nil, bytes: Array("v=0".utf8)))
    }

    func testMultipartInviteBody() throws {
        let body = MultipartContentsTests.mixed
        let m = try HeaderTestSupport.message([#"Content-Type: multipart/mixed;boundary="boundary42""#], body: body)
        let multipart = try XCTUnwrap(m.contents.multipart)
        XCTAssertEqual(multipart.parts.count, 2)
        XCTAssertEqual(m.contents.firstSDP?.origin.address, "192.0.2.101")
    }

    func testSettingContentsWritesBodyTypeAndLength() throws {
        let m = try SipMessage.parse(Fixtures.register)
        var sdp = try SdpContents(Fixtures.sdp)
        sdp.media[0].direction = .inactive
        m.contents = .sdp(sdp)
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r[.contentType], .sdp)
        XCTAssertEqual(r[.contentLength], sdp.bytes.count)
        XCTAssertEqual(r.contents.sdp?.media[0].direction, .inactive)
    }

    func testSettingMultipartContentsSetsTheBoundary() throws {
        let m = try SipMessage.parse(Fixtures.register)
        let sdp = try SdpContents(Fixtures.sdp)
        m.contents = .multipart(MultipartContents(boundary: "xyz", parts: [MimePart(contents: .sdp(sdp))]))
        let r = try SipMessage.parse(m.serialize())
        XCTAssertEqual(r[.contentType]?.boundary, "xyz")
        XCTAssertEqual(r.contents.firstSDP, sdp)
    }

    func testSettingEmptyRemovesBodyAndContentType() throws {
        let m = try SipMessage.parse(Fixtures.invite)
        m.contents = .empty
        let r = try SipMessage.parse(m.serialize())
        XCTAssertFalse(r.exists(.contentType))
        XCTAssertEqual(r[.contentLength], 0)
        XCTAssertEqual(r.contents, .empty)
    }
}
