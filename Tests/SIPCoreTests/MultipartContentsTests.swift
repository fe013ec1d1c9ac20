import XCTest
@testable import SIPCore

final class MultipartContentsTests: XCTestCase {
    /// The fixture SDP with LF line ends, to embed in text that `Fixtures.crlf` converts.
    static let sdpLF = Fixtures.sdp.replacingOccurrences(of: "\r\n", with: "\n")

    static let mixed = Fixtures.crlf("""
    This is a preamble that is ignored.
    --boundary42
    Content-Type: application/sdp
    Content-Disposition: session;handling=required

    \(sdpLF)
    --boundary42
    Content-Type: application/resource-lists+xml
    Content-ID: <list@example.com>
    Content-Disposition: recipient-list

    <?xml version="1.0"?>
    <resource-lists/>
    --boundary42--
    This epilogue is ignored too.

    """)

    static let mixedType = MediaType.multipart(boundary: "boundary42")

    func testPartsAreSplitAndTypedByContentType() throws {
        let m = try MultipartContents(Array(Self.mixed.utf8), mediaType: Self.mixedType)
        XCTAssertEqual(m.parts.count, 2)
        XCTAssertEqual(m.parts[0].contents.sdp?.media.first?.port, 49172)
        XCTAssertEqual(m.parts[0].contentDisposition, "session;handling=required")
        guard case let .opaque(type, bytes) = m.parts[1].contents else { return XCTFail("expected opaque") }
        XCTAssertEqual(type?.subtype, "resource-lists+xml")
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "<?xml version=\"1.0\"?>\r\n<resource-lists/>")
    }

    func testPartHeadersKeepTheirOrderAndSpelling() throws {
        let m = try MultipartContents(Array(Self.mixed.utf8), mediaType: Self.mixedType)
        XCTAssertEqual(m.parts[1].headers.map(\.name), ["Content-Type", "Content-ID", "Content-Disposition"])
        XCTAssertEqual(m.parts[1].contentID, "<list@example.com>")
        XCTAssertEqual(m.parts[1].header(named: "content-id"), "<list@example.com>")
    }

    func testWriteDropsPreambleAndEpilogueAndRoundTrips() throws {
        let m = try MultipartContents(Array(Self.mixed.utf8), mediaType: Self.mixedType)
        let written = String(decoding: m.bytes, as: UTF8.self)
        XCTAssertTrue(written.hasPrefix("--boundary42\r\nContent-Type: application/sdp\r\n"))
        XCTAssertTrue(written.hasSuffix("<resource-lists/>\r\n--boundary42--\r\n"))
        XCTAssertFalse(written.contains("preamble"))
        XCTAssertEqual(try MultipartContents(m.bytes, mediaType: Self.mixedType), m)
    }

    func testNestedAlternativeInsideMixed() throws {
        let body = Fixtures.crlf("""
        --outer
        Content-Type: multipart/alternative; boundary="inner b"

        --inner b
        Content-Type: text/plain

        plain
        --inner b
        Content-Type: application/sdp

        \(Self.sdpLF)
        --inner b--

        --outer
        Content-Type: application/octet-stream

        \u{1}\u{2}
        --outer--
        """)
        let m = try MultipartContents(Array(body.utf8), mediaType: .multipart(boundary: "outer"))
        XCTAssertEqual(m.parts.count, 2)
        let inner = try XCTUnwrap(m.parts[0].contents.multipart)
        XCTAssertEqual(inner.mediaType.subtype, "alternative")
        XCTAssertEqual(inner.parts.count, 2)
        XCTAssertEqual(inner.parts[0].contents, .opaque(mediaType: try MediaType("text/plain"), bytes: Array("plain".utf8)))
        XCTAssertNotNil(inner.parts[1].contents.sdp)
        XCTAssertEqual(Contents.multipart(m).firstSDP, inner.parts[1].contents.sdp)
        XCTAssertEqual(m.parts[1].contents, .opaque(mediaType: try MediaType("application/octet-stream"), bytes: [1, 2]))
        XCTAssertEqual(try MultipartContents(m.bytes, mediaType: m.mediaType), m)
    }

    func testLFOnlyBodyIsAccepted() throws {
        let lf = Self.mixed.replacingOccurrences(of: "\r\n", with: "\n")
        let m = try MultipartContents(Array(lf.utf8), mediaType: Self.mixedType)
        XCTAssertEqual(m.parts.count, 2)
        XCTAssertNotNil(m.parts[0].contents.sdp)
    }

    func testPartWithoutHeadersIsUntypedOpaque() throws {
        let body = "--b\r\n\r\nhello\r\n--b--\r\n"
        let m = try MultipartContents(Array(body.utf8), mediaType: .multipart(boundary: "b"))
        XCTAssertEqual(m.parts[0].headers, [])
        XCTAssertEqual(m.parts[0].contents, .opaque(mediaType: nil, bytes: Array("hello".utf8)))
    }

    func testEncodedPartStaysOpaque() throws {
        let body = "--b\r\nContent-Type: application/sdp\r\nContent-Transfer-Encoding: base64\r\n\r\ndj0w\r\n--b--\r\n"
        let m = try MultipartContents(Array(body.utf8), mediaType: .multipart(boundary: "b"))
        XCTAssertEqual(m.parts[0].contents, .opaque(mediaType: .sdp, bytes: Array("dj0w".utf8)))
    }

    func testBuildingInCodeSetsPartContentTypes() throws {
        let sdp = try SdpContents(Fixtures.sdp)
        var m = MultipartContents(boundary: "unique-1")
        m.parts = [MimePart(contents: .sdp(sdp), headers: [.init("Content-Disposition", "session")]),
                   MimePart(contents: .opaque(mediaType: try MediaType("text/plain"), bytes: Array("hi".utf8)))]
        XCTAssertEqual(m.parts[0].headers.map(\.name), ["Content-Type", "Content-Disposition"])
        m.parts[1].contents = .opaque(mediaType: try MediaType("application/json"), bytes: Array("{}".utf8))
        XCTAssertEqual(m.parts[1].header(named: "Content-Type"), "application/json")
        XCTAssertEqual(try MultipartContents(m.bytes, mediaType: m.mediaType), m)
    }

    // MARK: Errors

    private func assertBadBody(_ body: String, _ type: MediaType, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try MultipartContents(Array(body.utf8), mediaType: type), file: file, line: line) { e in
            XCTAssertEqual((e as? SipParseError)?.kind, .badBody, file: file, line: line)
        }
    }

    func testMissingBoundaryParameterIsAnError() throws {
        assertBadBody(Self.mixed, try MediaType("multipart/mixed"))
    }

    func testBodyWithoutTheBoundaryIsAnError() {
        assertBadBody("no delimiters here\r\n", Self.mixedType)
    }

    func testUnterminatedMultipartIsAnError() {
        assertBadBody("--boundary42\r\nContent-Type: text/plain\r\n\r\nhello\r\n", Self.mixedType)
        assertBadBody("--boundary42--\r\n", Self.mixedType)
    }

    func testLookalikeBoundaryDoesNotEndAPart() {
        assertBadBody("--boundary42\r\n\r\nx\r\n--boundary42x--\r\n", Self.mixedType)
    }

    func testMalformedPartHeaderIsAnError() {
        assertBadBody("--boundary42\r\nno colon here\r\n\r\nx\r\n--boundary42--\r\n", Self.mixedType)
        assertBadBody("--boundary42\r\nContent-Type: ///\r\n\r\nx\r\n--boundary42--\r\n", Self.mixedType)
    }

    func testMalformedSDPPartIsAnError() {
        assertBadBody("--boundary42\r\nContent-Type: application/sdp\r\n\r\nnot sdp\r\n--boundary42--\r\n", Self.mixedType)
    }

    /// A body of `levels` multiparts nested one in another, with "x" innermost.
    private func nested(_ levels: Int) -> String {
        var body = "x"
        for depth in (0..<levels).reversed() {
            let type = depth == levels - 1 ? "text/plain" : "multipart/mixed;boundary=b\(depth + 1)"
            body = "--b\(depth)\r\nContent-Type: \(type)\r\n\r\n\(body)\r\n--b\(depth)--\r\n"
        }
        return body
    }

    func testNestingUpToTheLimitIsRead() throws {
        let m = try MultipartContents(Array(nested(MultipartContents.maxDepth).utf8), mediaType: .multipart(boundary: "b0"))
        var contents = Contents.multipart(m)
        var levels = 0
        while let inner = contents.multipart {
            levels += 1
            contents = inner.parts[0].contents
        }
        XCTAssertEqual(levels, MultipartContents.maxDepth)
        XCTAssertEqual(contents.bytes, Array("x".utf8))
    }

    func testNestingDeeperThanTheLimitIsAnError() {
        assertBadBody(nested(MultipartContents.maxDepth + 1), .multipart(boundary: "b0"))
    }
}
