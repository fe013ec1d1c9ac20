import NIOCore
import SIPCore
import XCTest
@testable import SIPStack

/// The checks and stamps applied to every received message (RFC 3261 §18.2.1, RFC 3581 §4).
final class TransportInboundTests: XCTestCase {
    let processor = InboundMessageProcessor(limits: .default)

    private func source(_ ip: String, _ port: Int) throws -> SipSource {
        SipSource(transport: .udp, local: try SocketAddress(ipAddress: "127.0.0.1", port: 5060),
                  remote: try SocketAddress(ipAddress: ip, port: port))
    }

    private func deliver(_ text: String, from source: SipSource) throws -> SipMessage {
        guard case .deliver(let message) = processor.process(Array(text.utf8), from: source) else {
            XCTFail("expected the message to be delivered")
            throw TestTimeout(what: "delivery")
        }
        return message
    }

    private func rejection(_ text: String) throws -> (SipParseError, SipMessage?) {
        guard case .reject(let error, let reply) = processor.process(Array(text.utf8), from: try source("192.0.2.1", 5060)) else {
            XCTFail("expected a rejection")
            throw TestTimeout(what: "rejection")
        }
        return (error, try reply.map { try SipMessage.parse($0) })
    }

    func testEmptyRportIsFilledAndReceivedAlwaysAdded() throws {
        let m = try deliver(SipText.options(via: "192.0.2.10:5060", viaParams: ";rport"), from: try source("192.0.2.10", 40000))
        let via = try XCTUnwrap(m.front(.vias))
        XCTAssertEqual(via.rport, 40000)
        XCTAssertEqual(via.received, "192.0.2.10", "RFC 3581 §4: received even when it equals sent-by")
    }

    func testReceivedIsAddedWhenSentByDiffersFromTheSource() throws {
        let m = try deliver(SipText.options(via: "phone.example.com", viaParams: ""), from: try source("198.51.100.7", 5060))
        XCTAssertEqual(m.front(.vias)?.received, "198.51.100.7")
        XCTAssertFalse(m.front(.vias)?.hasRport ?? true)
    }

    func testNothingIsAddedWhenSentByIsTheSource() throws {
        let text = SipText.options(via: "192.0.2.10:5070", viaParams: "")
        let m = try deliver(text, from: try source("192.0.2.10", 5070))
        XCTAssertEqual(m.serialize(), Array(text.utf8), "the message is forwarded byte for byte")
    }

    func testIPv6SentByIsComparedAsAnAddress() throws {
        let m = try deliver(SipText.options(via: "[0:0:0:0:0:0:0:1]:5060", viaParams: ""), from: try source("::1", 5060))
        XCTAssertNil(m.front(.vias)?.received)
    }

    func testAValueOfRportIsLeftAlone() throws {
        let m = try deliver(SipText.options(via: "192.0.2.10:5060", viaParams: ";rport=1234"), from: try source("192.0.2.10", 5060))
        XCTAssertEqual(m.front(.vias)?.rport, 1234)
        XCTAssertNil(m.front(.vias)?.received)
    }

    func testOnlyTheTopViaLineIsRewritten() throws {
        let text = SipText.options(via: "192.0.2.10:5060", viaParams: ";rport").replacingOccurrences(
            of: "Max-Forwards", with: "Via: SIP/2.0/UDP  proxy.example.com;branch=z9hG4bK-p\r\nMax-Forwards")
        let m = try deliver(text, from: try source("192.0.2.10", 40000))
        XCTAssertTrue(String(decoding: m.serialize(), as: UTF8.self).contains("Via: SIP/2.0/UDP  proxy.example.com;branch=z9hG4bK-p\r\n"))
        XCTAssertEqual(m[.vias].count, 2)
    }

    func testBadCSeqGets400NamingCSeq() throws {
        let (error, reply) = try rejection(SipText.options(cseq: "1"))
        XCTAssertEqual(error.header, "CSeq")
        let response = try XCTUnwrap(reply)
        XCTAssertEqual(response.statusCode, 400)
        XCTAssertTrue(response.reasonPhrase.hasPrefix("Bad CSeq header"), response.reasonPhrase)
        XCTAssertNotNil(response[.to]?.tag)
        XCTAssertEqual(response.front(.vias)?.branch, "z9hG4bK-1")
    }

    func testBadViaIsEchoedRawInThe400() throws {
        let text = SipText.options().replacingOccurrences(of: "SIP/2.0/UDP 192.0.2.10:5060", with: "SIP/2.0 192.0.2.10")
        let (error, reply) = try rejection(text)
        XCTAssertEqual(error.header, "Via")
        let response = try XCTUnwrap(reply)
        XCTAssertTrue(response.reasonPhrase.contains("Via"), response.reasonPhrase)
        XCTAssertEqual(response.headerValue(named: "Via"), "SIP/2.0 192.0.2.10;branch=z9hG4bK-1;rport")
    }

    func testCSeqMethodMustMatchTheRequest() throws {
        let (error, reply) = try rejection(SipText.options(cseq: "1 INVITE"))
        XCTAssertEqual(error.header, "CSeq")
        XCTAssertEqual(reply?.statusCode, 400)
    }

    func testUnindexableRequestIsAnsweredFromItsRawLines() throws {
        let text = SipText.options().replacingOccurrences(of: "Max-Forwards: 70", with: "Max-Forwards 70")
        let (error, reply) = try rejection(text)
        XCTAssertEqual(error.kind, .badHeaderLine)
        XCTAssertEqual(reply?.statusCode, 400)
        XCTAssertEqual(reply?[.callID], "call-1@test")
    }

    func testBadResponseIsDroppedWithoutReply() throws {
        let text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\n"
            + "To: <sip:b@c>\r\nCall-ID: x\r\nCSeq: bad\r\nContent-Length: 0\r\n\r\n"
        let (_, reply) = try rejection(text)
        XCTAssertNil(reply)
    }

    func testGarbageHasNoReply() throws {
        let (_, reply) = try rejection("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertNil(reply)
    }

    func testUnframeableStreamMessageIsAnswered513FromItsHead() throws {
        let head = Array(SipText.options(transport: "TCP").replacingOccurrences(of: "Content-Length: 0", with: "Content-Length: 99999").utf8.prefix(300))
        let error = SipParseError(.messageTooLarge, "too large")
        let reply = try XCTUnwrap(InboundMessageProcessor.errorResponse(forUnframeable: error, head: head))
        let response = try SipMessage.parse(reply)
        XCTAssertEqual(response.statusCode, 513)
        XCTAssertEqual(response[.cSeq]?.sequence, 1)
    }
}
