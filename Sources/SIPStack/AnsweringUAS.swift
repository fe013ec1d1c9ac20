import NIOCore
import SIPCore

/// A minimal user agent server on a `SipStack`, for tests and benchmarks: OPTIONS,
/// BYE and other requests get 200; an INVITE gets 180 then 200 (with a To tag and
/// a Contact); an ACK is absorbed. In `stateless` mode OPTIONS is answered without
/// a transaction (the benchmark's stateless responder).
public final class AnsweringUAS: TransactionUser, @unchecked Sendable {
    public let stack: SipStack
    public let contactHost: String
    public let contactPort: Int

    public init(stack: SipStack, contactHost: String, contactPort: Int) {
        self.stack = stack
        self.contactHost = contactHost
        self.contactPort = contactPort
    }

    public func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {
        guard let transaction else { return }  // ACK for a 2xx
        switch request.method {
        case .invite:
            let tag = Helper.newTag()
            transaction.respond(Helper.makeResponse(to: request, code: 180, toTag: tag))
            let ok = Helper.makeResponse(to: request, code: 200, toTag: tag)
            ok.pushBack(.contacts, NameAddr(uri: .sip(SipURI(host: contactHost, port: contactPort))))
            ok[.recordRoutes] = request[.recordRoutes]
            transaction.respond(ok)
        default:
            transaction.respond(Helper.makeResponse(to: request, code: 200))
        }
    }
}

/// A transaction-less responder for the stateless benchmark: every OPTIONS is answered
/// 200 straight from the transport's delegate callback.
public final class StatelessOptionsResponder: TransportLayerDelegate, @unchecked Sendable {
    let transport: TransportLayer

    public init(transport: TransportLayer) {
        self.transport = transport
        transport.delegate = self
    }

    public func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                               on loop: any EventLoop) {
        guard message.isRequest, message.method != .ack else { return }
        let response = Helper.makeResponse(to: message, code: 200)
        let destination = transport.responseDestination(for: response, requestSource: source) ?? SipDestination(replyingTo: source)
        transport.send(response, to: destination, promise: nil)
    }
}
