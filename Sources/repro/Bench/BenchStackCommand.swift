import ArgumentParser
import NIOCore
import SIPCore
import SIPStack

#if canImport(Glibc)
import Glibc
#endif

/// `repro bench stack`: a responder built on SipStack for SIPp to drive (issue 3's benchmark).
///
/// `--mode options` answers OPTIONS statelessly, straight from the transport;
/// `--mode invite` runs full transactions (100/180/200, then ACK and BYE).
struct BenchStackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stack", abstract: "Run a SipStack responder for SIPp load tests (until Ctrl-C or --seconds).")

    enum Mode: String, ExpressibleByArgument { case options, invite }

    @Option(help: "options (stateless) or invite (transaction-stateful).")
    var mode: Mode = .invite
    @Option(help: "Address to listen on.")
    var bind = "127.0.0.1"
    @Option(help: "UDP port (0: off).")
    var udpPort = 5070
    @Option(help: "TCP port (0: off).")
    var tcpPort = 5070
    @Option(help: "Stop after this many seconds (0: run until interrupted).")
    var seconds: Double = 0

    func run() async throws {
        let stack = SipStack()
        if udpPort > 0 { try await stack.addTransport(.udp, host: bind, port: udpPort) }
        if tcpPort > 0 { try await stack.addTransport(.tcp, host: bind, port: tcpPort) }
        let responder: AnyObject
        switch mode {
        case .options:
            responder = StatelessOptionsResponder(transport: stack.transport)
        case .invite:
            let uas = AnsweringUAS(stack: stack, contactHost: bind, contactPort: udpPort > 0 ? udpPort : tcpPort)
            stack.addTransactionUser(uas)
            responder = uas
        }
        print("repro bench stack: \(mode.rawValue) responder on \(bind) udp:\(udpPort) tcp:\(tcpPort)")
        try await SignalWaiter.wait(seconds: seconds)
        withExtendedLifetime(responder) {}
        let stats = stack.transport.statistics
        print("received \(stats.messagesReceived), sent \(stats.messagesSent)")
        await stack.shutdown()
    }
}
