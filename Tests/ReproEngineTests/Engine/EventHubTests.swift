import NIOCore
import SIPStack
import Testing
@testable import ReproEngine

/// How `EventHub` turns the stack's message log into the console's message events.
struct EventHubTests {
    static let remote = try! SocketAddress(ipAddress: "192.0.2.7", port: 5060)  // a literal address: cannot fail

    static func entry(_ text: String, _ direction: MessageLogEntry.Direction) -> MessageLogEntry {
        MessageLogEntry(direction: direction, transport: .udp, local: nil, remote: remote,
                        bytes: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    static let response = """
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1
        From: <sip:bob@example.test>;tag=1
        To: <sip:bob@example.test>;tag=2
        Call-ID: hub-1
        CSeq: 1 REGISTER
        Content-Length: 0


        """

    @Test func aResponseEventShowsItsStatusAloneNotTheWholeMessage() {
        let event = EventHub.messageEvent(Self.entry(Self.response, .outbound))
        #expect(event.what == "200 OK")
        #expect(event.summary == "out UDP 192.0.2.7:5060 SIP/2.0 200 OK")
        #expect(event.callID == "hub-1")
        #expect(event.cseq == "1 REGISTER")
        #expect(event.raw?.hasPrefix("SIP/2.0 200 OK\r\nVia:") == true, "the raw message stays whole")
    }

    @Test func aRequestEventShowsItsMethodAndAStartLineSummary() {
        let request = Self.response.replacingOccurrences(of: "SIP/2.0 200 OK", with: "REGISTER sip:example.test SIP/2.0")
        let event = EventHub.messageEvent(Self.entry(request, .inbound))
        #expect(event.what == "REGISTER")
        #expect(event.summary == "in UDP 192.0.2.7:5060 REGISTER sip:example.test SIP/2.0")
    }

    @Test func aStartLineEndedByABareLineFeedIsCutThere() {
        let entry = MessageLogEntry(direction: .inbound, transport: .udp, local: nil, remote: Self.remote,
                                    bytes: Array("SIP/2.0 486 Busy Here\nVia: x\n\n".utf8))
        #expect(EventHub.messageEvent(entry).what == "486 Busy Here")
    }
}
