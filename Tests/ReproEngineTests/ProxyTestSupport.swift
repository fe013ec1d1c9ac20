import NIOCore
import NIOEmbedded
import SIPCore
import SIPStack
@testable import ReproEngine

/// A transport that records everything the proxy's transactions send.
final class ProxyRecordingTransport: TransactionTransport, @unchecked Sendable {
    var sent: [(message: SipMessage, destination: SipDestination)] = []

    func send(_ message: SipMessage, to destination: SipDestination, onFailure: @escaping @Sendable (any Error) -> Void) {
        sent.append((TestNet.reparsed(message), destination))
    }
}

/// The network as the proxy sees it: our address is 192.0.2.10:5060; every host is numeric.
final class FakeProxyNetwork: ProxyNetwork, @unchecked Sendable {
    let transactions: TransactionLayer
    var statelessResponses: [SipMessage] = []

    init(transactions: TransactionLayer) { self.transactions = transactions }

    func resolve(_ uri: SipURI, on loop: any EventLoop) -> EventLoopFuture<SipDestination> {
        let kind = uri.transport.flatMap { TransportKind(token: $0) } ?? (uri.isSecure ? .tls : .udp)
        do {
            let address = try SocketAddress(ipAddress: uri.host, port: uri.port ?? kind.defaultPort)
            return loop.makeSucceededFuture(SipDestination(transport: kind, remote: address))
        } catch {
            return loop.makeFailedFuture(error)
        }
    }

    func isOwnAddress(host: String, port: Int?) -> Bool { host == TestNet.ourHost && (port ?? 5060) == 5060 }

    func sentBy(transport: TransportKind, toward remote: SocketAddress) -> (host: String, port: Int) {
        (TestNet.ourHost, 5060)
    }

    func sendStatelessResponse(_ response: SipMessage) { statelessResponses.append(response) }
}

/// A request processor that adds fixed targets (stands in for the location service).
final class FixedTargets: Processor, @unchecked Sendable {
    let name = "FixedTargets"
    var targets: [(String, QValue)]

    init(_ targets: [(String, QValue)]) { self.targets = targets }

    func process(_ context: RequestContext) -> ProcessorResult {
        for (uri, q) in targets {
            context.addTarget(Target(uri: try! URI(uri), q: q, origin: "test"))  // test literals parse
        }
        return .continue
    }
}

enum TestNet {
    static let ourHost = "192.0.2.10"
    static let caller = try! SocketAddress(ipAddress: "192.0.2.1", port: 5060)  // literal: cannot fail

    static func reparsed(_ m: SipMessage) -> SipMessage {
        try! SipMessage.parse(m.serialize())  // SIPCore's own output always parses
    }

    static func invite(to uri: String = "sip:bob@example.com", maxForwards: Int = 70, callID: String = "c1") -> SipMessage {
        let target = try! URI(uri)  // test literal
        let m = Helper.makeRequest(
            method: .invite, target: target,
            from: NameAddr(uri: .sip(SipURI(user: "alice", host: "example.com"))),
            to: NameAddr(uri: target),
            contact: NameAddr(uri: .sip(SipURI(user: "alice", host: "192.0.2.1"))),
            via: Via(transport: "UDP", host: "192.0.2.1", port: 5060), callID: callID)
        m[.maxForwards] = maxForwards
        return m
    }

    static var callerSource: SipSource {
        SipSource(transport: .udp, local: try! SocketAddress(ipAddress: ourHost, port: 5060), remote: caller)  // literal
    }
}

/// A proxy wired to a virtual clock and a recording transport.
final class ProxyHarness {
    let loop = EmbeddedEventLoop()
    let transport = ProxyRecordingTransport()
    let layer: TransactionLayer
    let network: FakeProxyNetwork
    let proxy: Proxy
    let traces = TraceStore(capacity: 50)

    init(requestProcessors: [any Processor], configuration: ProxyConfiguration = ProxyConfiguration(),
         localDomains: Set<String> = ["example.com"]) {
        layer = TransactionLayer(loops: [loop], transport: transport)
        network = FakeProxyNetwork(transactions: layer)
        proxy = Proxy(
            configuration: configuration, network: network,
            requestChain: ProcessorChain(kind: .request, processors: requestProcessors),
            targetChain: ProcessorChain(kind: .target, processors: [QValueTargetHandler(), SimpleTargetHandler()]),
            responseChain: ProcessorChain(kind: .response, processors: configuration.recursiveRedirect ? [RecursiveRedirect()] : []),
            traces: traces, isLocalDomain: { localDomains.contains($0.lowercased()) })
        layer.addTransactionUser(proxy)
    }

    func receive(_ request: SipMessage) {
        layer.receive(TestNet.reparsed(request), from: TestNet.callerSource)
        loop.run()
    }

    /// Requests sent downstream (forwarded copies, CANCELs), in order.
    var downstream: [SipMessage] { transport.sent.filter { $0.message.isRequest }.map(\.message) }
    /// Responses sent upstream, in order.
    var upstream: [Int] { transport.sent.filter { $0.message.isResponse }.map(\.message.statusCode) }
    func upstreamResponse(_ code: Int) -> SipMessage? {
        transport.sent.map(\.message).last { $0.isResponse && $0.statusCode == code }
    }

    /// The forwarded copy whose Request-URI is `uri`.
    func forwarded(to uri: String) -> SipMessage? {
        downstream.first { $0.method == .invite && $0.requestURI?.description == uri }
    }

    /// A downstream UAS answers a forwarded request.
    func answer(_ forwarded: SipMessage, _ code: Int, toTag: String = "callee") {
        let r = Helper.makeResponse(to: forwarded, code: code, toTag: toTag)
        if (300...399).contains(code) { r.pushBack(.contacts, NameAddr(uri: try! URI("sip:bob@192.0.2.77"))) }  // literal
        let source = SipSource(transport: .udp, local: TestNet.callerSource.local,
                               remote: try! SocketAddress(ipAddress: forwarded.requestURI?.host ?? "192.0.2.99", port: 5060))  // literal
        layer.receive(TestNet.reparsed(r), from: source)
        loop.run()
    }
}
