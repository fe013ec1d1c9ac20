import NIOCore
import SIPCore
import SIPStack

/// RFC 3261 §16.7 (response processing) and §16.10 (CANCEL).
extension Proxy {
    /// An event from a branch's client transaction.
    func branchEvent(_ context: RequestContext, _ target: Target, _ event: ClientTransactionEvent) {
        switch event {
        case .response(let response):
            branchResponse(context, target, response)
        case .timeout:
            if let i = target.traceIndex { context.trace.branches[i].outcome = "timeout" }
            branchFinal(context, target, Helper.makeResponse(to: context.request, code: 408), synthesized: true)
        case .transportError(let why):
            if let i = target.traceIndex { context.trace.branches[i].outcome = "transport error: \(why)" }
            branchFinal(context, target, Helper.makeResponse(to: context.request, code: 503), synthesized: true)
        }
    }

    private func branchResponse(_ context: RequestContext, _ target: Target, _ response: SipMessage) {
        let code = response.statusCode
        recordBranchResponse(context, target, code: code, reason: response.reasonPhrase)
        // §16.7 step 3: remove our Via before anything is forwarded upstream.
        response.popFront(.vias)
        switch code {
        case 100:
            return  // §16.7 step 5: a 100 is never forwarded
        case 101...199:
            target.gotProvisional = true
            if context.request.method == .invite { restartTimerC(context, target) }
            if target.cancelWanted && !target.cancelSent { sendCancel(context, target) }
            if !context.finished && !context.sent2xx { context.transaction?.respond(response) }
        case 200...299:
            if target.finalResponse == nil {
                target.finalResponse = response
                target.timerC?.cancel()
                target.status = .terminated
                if let i = target.traceIndex { context.trace.branches[i].outcome = "answered \(code)" }
            }
            // §16.7 step 5: every 2xx (retransmissions too) goes upstream at once.
            context.transaction?.respond(response)
            if !context.sent2xx {
                context.sent2xx = true
                context.trace.finalCode = code
                context.trace.finalReason = response.reasonPhrase
                context.trace.finalWhy = "a 2xx is forwarded at once (RFC 3261 §16.7 step 5); other branches cancelled"
                cancelPendingBranches(context, reason: "call completed elsewhere", cause: 200)
                serialDone(context)
            }
        default:
            runResponseChain(context, target, response)
            branchFinal(context, target, response, synthesized: false)
        }
    }

    private func recordBranchResponse(_ context: RequestContext, _ target: Target, code: Int, reason: String) {
        guard let i = target.traceIndex else { return }
        let ms = (NIODeadline.now() - (target.startedAt ?? .now())).nanoseconds / 1_000_000
        context.trace.branches[i].responses.append(.init(code: code, reason: reason, millisecondsAfterStart: ms))
    }

    /// Lets the response processors see a final non-2xx response (RecursiveRedirect).
    private func runResponseChain(_ context: RequestContext, _ target: Target, _ response: SipMessage) {
        context.slots[Proxy.currentResponseSlot] = response
        let before = context.targets.count
        _ = responseChain.process(context)
        context.slots[Proxy.currentResponseSlot] = nil
        let added = context.targets.dropFirst(before).filter { $0.status == .candidate }
        if !added.isEmpty && !context.cancelled && !context.sent2xx {
            context.serialQueue.insert(Array(added), at: 0)
        }
    }

    /// The slot where response processors find the response being handled.
    public static let currentResponseSlot = "proxy.currentResponse"

    /// A branch ended with a final non-2xx (or a synthesized one).
    func branchFinal(_ context: RequestContext, _ target: Target, _ response: SipMessage, synthesized: Bool) {
        guard target.finalResponse == nil else { return }
        target.finalResponse = response
        target.status = .terminated
        target.timerC?.cancel()
        if synthesized { recordBranchResponse(context, target, code: response.statusCode, reason: response.reasonPhrase + " (local)") }
        if let i = target.traceIndex, context.trace.branches[i].outcome == nil {
            context.trace.branches[i].outcome = "final \(response.statusCode)"
        }
        if (300...399).contains(response.statusCode) { context.collectedContacts.append(contentsOf: response[.contacts]) }
        if response.statusCode >= 600 {
            // §16.7 step 5 / §16.7 step 10: a 6xx cancels every other branch.
            cancelPendingBranches(context, reason: "global failure", cause: response.statusCode)
            context.serialQueue.removeAll()
        }
        guard !context.targets.contains(where: \.isPending) else { return }
        if context.sent2xx {
            serialDone(context)
            return
        }
        // The current group is done: start the next q-value group (serial forking), or finish.
        startQueuedTargets(context)
    }

    /// When no branch is pending and nothing is queued, sends the best response (§16.7 step 6).
    func completeIfDone(_ context: RequestContext) {
        guard !context.finished, !context.targets.contains(where: \.isPending), context.serialQueue.isEmpty else { return }
        if context.sent2xx {
            serialDone(context)
            return
        }
        let finals = context.targets.compactMap(\.finalResponse)
        guard let (chosen, why) = ResponseSelector.best(of: finals) else {
            finish(context, with: Helper.makeResponse(to: context.request, code: context.cancelled ? 487 : 480))
            return
        }
        var out = ResponseSelector.prepare(chosen, all: finals)
        if (300...399).contains(out.statusCode), !context.collectedContacts.isEmpty {
            out = out.copy()
            out[.contacts] = context.collectedContacts  // §16.7 step 6: a 3xx carries every collected contact
        }
        context.trace.finalWhy = why
        finish(context, with: out)
    }

    /// Files the trace once a 2xx went upstream and no branch is pending any more.
    private func serialDone(_ context: RequestContext) {
        guard !context.finished, !context.targets.contains(where: \.isPending) else { return }
        context.finished = true
        context.trace.completed = true
        traces.record(context.trace)
        release(context)
    }

    // MARK: Cancelling (§16.10)

    /// A CANCEL: answered 200 at once; every pending branch of the INVITE is cancelled.
    func handleCancel(_ cancel: SipMessage, transaction: ServerTransaction) {
        guard let invite = transaction.cancelledInvite else {
            // §16.10 asks to forward an unmatched CANCEL statelessly; with no record of the
            // INVITE there is nowhere sensible to send it, so it is refused.
            transaction.respond(Helper.makeResponse(to: cancel, code: 481))
            return
        }
        transaction.respond(Helper.makeResponse(to: cancel, code: 200))
        // An INVITE already answered has let its context go: the CANCEL has no effect.
        guard let context = invite.userContext as? RequestContext, !context.finished, !context.sent2xx else { return }
        context.cancelled = true
        context.serialQueue.removeAll()
        cancelPendingBranches(context, reason: "caller cancelled", cause: nil)
        if !context.targets.contains(where: \.isPending) {
            context.trace.finalWhy = "cancelled by the caller before any branch started"
            finish(context, with: Helper.makeResponse(to: context.request, code: 487))
        }
    }

    /// Cancels every pending INVITE branch (RFC 3261 §16.10, §16.7 step 10).
    func cancelPendingBranches(_ context: RequestContext, reason: String, cause: Int? = nil) {
        cancelBranches(context.targets.filter(\.isPending), context: context, reason: reason, cause: cause)
    }

    func cancelBranches(_ targets: [Target], context: RequestContext, reason: String, cause: Int? = nil) {
        guard context.request.method == .invite else { return }
        for target in targets where target.isPending && !target.cancelSent {
            target.cancelWanted = true
            target.cancelReason = "SIP;cause=\(cause ?? 487);text=\"\(reason)\""
            // A CANCEL may only follow a provisional response (§9.1); otherwise it waits for one.
            if target.gotProvisional { sendCancel(context, target) }
        }
    }

    func sendCancel(_ context: RequestContext, _ target: Target) {
        guard let forwarded = target.forwarded, let destination = target.destination else { return }
        target.cancelSent = true
        let cancel = Helper.makeCancel(for: forwarded)
        // RFC 3326: say why the branch is cancelled.
        if let reason = target.cancelReason { try? cancel.addHeader(named: "Reason", value: reason) }
        if let i = target.traceIndex, context.trace.branches[i].outcome == nil {
            context.trace.branches[i].outcome = "cancelled"
        }
        _ = try? network.transactions.sendRequest(cancel, to: destination) { _ in }
    }
}
