import NIOCore
import SIPCore
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

/// The engine's counters come from what the transport counts as it receives and sends.
struct EventHubCounterTests {
    @Test func theCountersShowRequestsReceivedAndResponsesSentByClass() async throws {
        let stack = SipStack()
        let bound = try await stack.addTransport(.udp, host: "127.0.0.1", port: 0)
        let hub = EventHub(capacity: 16)
        // A request to ourselves: with no transaction user the stack answers it 501.
        let request = try SipMessage.parse(Array("""
            OPTIONS sip:hub@127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:\(bound.port!);branch=z9hG4bK-hub-1\r
            Max-Forwards: 70\r
            From: <sip:hub@127.0.0.1>;tag=1\r
            To: <sip:hub@127.0.0.1>\r
            Call-ID: hub-counters-1\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r

            """.utf8))
        try await stack.transport.send(request, to: SipDestination(transport: .udp, remote: bound))
        var waited = 0
        while stack.transport.statistics.responsesSent[4] == 0 && waited < 200 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        hub.pump(stack, seconds: 1)
        let (counters, _, _) = hub.counters
        #expect(counters.requestsReceived == 1)
        #expect(counters.responsesSent5xx == 1)
        #expect(counters.responsesSent2xx == 0)
        hub.pump(stack, seconds: 1)
        #expect(hub.counters.0.requestsReceived == 1, "a second pump adds only what is new")
        await stack.shutdown()
    }
}

/// The stack keeps its message and transaction logs only while someone reads the events.
struct EventHubRecordingTests {
    @Test func thePumpTurnsTheStackLogsOffWithoutAReaderAndOnWithOne() async throws {
        let stack = SipStack()
        let hub = EventHub(capacity: 16)
        #expect(stack.recordsLogs, "a stack records until told otherwise")
        hub.pump(stack, seconds: 0.1)
        #expect(!stack.recordsLogs, "nobody has read events: nothing is recorded")
        #expect(!stack.transactions.publishesEvents)
        _ = hub.events(after: 0, limit: 10)
        hub.pump(stack, seconds: 0.1)
        #expect(stack.recordsLogs, "a reader asked for events: the next pump turns recording on")
        #expect(stack.transport.recordsMessages && stack.transactions.publishesEvents)
        await stack.shutdown()
    }
}
