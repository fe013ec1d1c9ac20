import Logging
import NIOCore
import SIPCore
import SIPStack

/// The stateful proxy (RFC 3261 §16): every request walks the request chain, its
/// targets the target chain, and its responses the response chain (repro's
/// monkeys, baboons and lemurs), leaving a chain trace.
///
/// A transaction user of the stack; all per-request work runs on the request's
/// transaction loop.
public final class Proxy: TransactionUser, @unchecked Sendable {
    public let configuration: ProxyConfiguration
    let network: any ProxyNetwork
    let requestChain: ProcessorChain
    let targetChain: ProcessorChain
    let responseChain: ProcessorChain
    let traces: TraceStore
    let logger = ReproLogging.logger("proxy")
    /// Whether `host` names a domain we are responsible for (used for OPTIONS to us and routing).
    let isLocalDomain: @Sendable (String) -> Bool

    public init(configuration: ProxyConfiguration, network: any ProxyNetwork,
                requestChain: ProcessorChain, targetChain: ProcessorChain, responseChain: ProcessorChain,
                traces: TraceStore, isLocalDomain: @escaping @Sendable (String) -> Bool) {
        self.configuration = configuration
        self.network = network
        self.requestChain = requestChain
        self.targetChain = targetChain
        self.responseChain = responseChain
        self.traces = traces
        self.isLocalDomain = isLocalDomain
    }

    // MARK: TransactionUser

    public func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {
        guard let transaction else {
            forwardAckStatelessly(request, source: source)
            return
        }
        if request.method == .cancel {
            handleCancel(request, transaction: transaction)
            return
        }
        let context = RequestContext(request: request, transaction: transaction, source: source,
                                     loop: transaction.loop, timerQueue: transaction.timerQueue,
                                     traceID: traces.nextID())
        transaction.userContext = context
        if let failure = validate(request) {
            context.trace.finalWhy = failure.why
            finish(context, with: failure.response)
            return
        }
        preprocessRoutes(request)
        context.onResume = { [weak self] ctx in self?.runChains(ctx) }
        if isInDialog(request) {
            routeInDialog(context)
            return
        }
        runChains(context)
    }

    public func handleStrayResponse(_ response: SipMessage, source: SipSource) {
        forwardResponseStatelessly(response)
    }

    public func serverTransactionFailed(_ transaction: ServerTransaction, end: TransactionEnd) {
        guard let context = transaction.userContext as? RequestContext else { return }
        cancelPendingBranches(context, reason: "upstream transaction failed")
    }

    // MARK: Chains

    /// Runs (or resumes) the chains: request chain, then target chain.
    func runChains(_ context: RequestContext) {
        guard !context.finished else { return }
        if context.currentChain == .request {
            let result = requestChain.process(context)
            if result == .waitingForEvent { return }
            if let response = context.response {
                context.trace.finalWhy = "answered by \(context.trace.steps.last?.processor ?? "the request chain")"
                finish(context, with: response)
                return
            }
            if result == .skipAllChains {
                finish(context, with: nil)
                return
            }
            context.currentChain = .target
        }
        if context.currentChain == .target {
            guard !context.targets.isEmpty else {
                let r = context.respond(480, reason: "Temporarily Unavailable")
                context.trace.finalWhy = "no processor produced a target"
                finish(context, with: r)
                return
            }
            let result = targetChain.process(context)
            if result == .waitingForEvent { return }
            context.currentChain = .response
            if let response = context.response {
                finish(context, with: response)
                return
            }
            startQueuedTargets(context)
        }
    }

    /// Sends the final answer upstream (if any) and files the trace.
    func finish(_ context: RequestContext, with response: SipMessage?) {
        guard !context.finished else { return }
        context.finished = true
        if let response {
            context.trace.finalCode = response.statusCode
            context.trace.finalReason = response.reasonPhrase
            context.transaction?.respond(response)
        }
        context.trace.completed = true
        traces.record(context.trace)
        release(context)
    }

    /// The request is answered and no branch is pending: its context is let go, so that
    /// the transactions waiting out Timers J, L and M (32 s under UDP) do not keep the
    /// request, its branches and their responses alive. A late 2xx retransmission still
    /// finds its way upstream (see `startBranch`).
    func release(_ context: RequestContext) {
        guard !context.targets.contains(where: \.isPending) else { return }
        context.transaction?.userContext = nil
    }

    func isInDialog(_ request: SipMessage) -> Bool {
        request[.to]?.tag != nil
    }
}
