import NIOCore
import SIPCore
import SIPStack

/// RFC 3261 §16.6: forwarding a request to each target, one client transaction per branch.
extension Proxy {
    /// Starts the next group of targets the target chain queued (serial forking by q),
    /// or ends the request when nothing is left.
    func startQueuedTargets(_ context: RequestContext) {
        if context.cancelled || context.sent2xx { context.serialQueue.removeAll() }
        while !context.serialQueue.isEmpty {
            let group = context.serialQueue.removeFirst().filter { $0.status == .candidate }
            if group.isEmpty { continue }
            for (i, target) in group.enumerated() {
                if i > 0 && configuration.forkDelay > .zero {
                    let delay = TimeAmount.nanoseconds(configuration.forkDelay.nanoseconds * Int64(i))
                    context.timerQueue.schedule(in: delay) { [self] in
                        if !context.cancelled && !context.sent2xx { self.startBranch(context, target) }
                    }
                } else {
                    startBranch(context, target)
                }
            }
            if configuration.serialBranchTimeout > .zero && !context.serialQueue.isEmpty {
                context.timerQueue.schedule(in: configuration.serialBranchTimeout) { [self] in
                    guard group.contains(where: \.isPending) else { return }
                    self.cancelBranches(group, context: context, reason: "serial fork timeout")
                }
            }
            return
        }
        completeIfDone(context)
    }

    /// Builds the forwarded copy for `target` and sends it (§16.6 steps 1–10).
    func startBranch(_ context: RequestContext, _ target: Target) {
        target.status = .started
        target.startedAt = .now()
        let fwd = context.request.copy()
        // Step 2: the Request-URI becomes the target (in-dialog targets are the Request-URI already).
        if fwd.requestURI != target.uri { fwd.requestURI = target.uri }
        // Step 3: Max-Forwards, made sane by validation, goes down by one.
        fwd[.maxForwards] = max(0, (fwd[.maxForwards] ?? configuration.defaultMaxForwards) - 1)
        // RFC 3327 §5.3: a registration's Path becomes the route set toward the contact.
        for hop in target.path.reversed() { fwd.pushFront(.routes, hop) }
        // Step 6/7: the next hop is the top Route (loose routing) or the Request-URI.
        let nextHop = fwd.front(.routes)?.uri.sipURI ?? target.uri.sipURI
        let traceIndex = context.trace.branches.count
        target.traceIndex = traceIndex
        context.trace.branches.append(ChainTrace.Branch(
            target: target.uri.description, transport: "?", destination: "?", branchID: "",
            responses: [], outcome: nil))

        let resolved: EventLoopFuture<SipDestination>
        if let flow = target.flow, target.path.isEmpty {
            // The contact is reached through the flow it registered over (NAT, RFC 5626 spirit).
            resolved = context.loop.makeSucceededFuture(SipDestination(replyingTo: flow))
        } else if let nextHop {
            resolved = network.resolve(nextHop, on: context.loop)
        } else {
            resolved = context.loop.makeFailedFuture(ProxyError.unroutable(target.uri.description))
        }
        resolved.hop(to: context.loop).whenComplete { [self] result in
            switch result {
            case .success(let destination):
                self.send(fwd, to: destination, target: target, context: context)
            case .failure(let error):
                let r = Helper.makeResponse(to: context.request, code: 503, reason: "Next Hop Unreachable")
                context.trace.branches[traceIndex].outcome = "cannot resolve: \(error)"
                self.branchFinal(context, target, r, synthesized: true)
            }
        }
    }

    private func send(_ fwd: SipMessage, to destination: SipDestination, target: Target, context: RequestContext) {
        guard !context.cancelled || context.request.method != .invite else {
            branchFinal(context, target, Helper.makeResponse(to: context.request, code: 487), synthesized: true)
            return
        }
        let out = network.sentBy(transport: destination.transport, toward: destination.remote)
        // Step 4: Record-Route, twice when the request changes transport or address family.
        if configuration.recordRoute, !isInDialog(context.request),
           Proxy.dialogCreating(context.request.method) {
            let inbound = network.sentBy(transport: context.source.transport, toward: context.source.remote)
            let changes = context.source.transport != destination.transport
                || context.source.remote.protocol != destination.remote.protocol
            if changes {
                fwd.pushFront(.recordRoutes, recordRoute(host: inbound.host, port: inbound.port,
                                                          transport: context.source.transport))
            }
            fwd.pushFront(.recordRoutes, recordRoute(host: out.host, port: out.port, transport: destination.transport))
        }
        // Step 8: our Via, with a branch that also serves loop detection (§16.3 step 4).
        let prefix = Helper.magicCookie + LoopDetector.hash(of: context.request) + "."
        let branch = network.transactions.newBranch(prefix: prefix)
        var via = Via(transport: destination.transport.rawValue, host: out.host, port: out.port, branch: branch)
        via.requestRport()
        fwd.pushFront(.vias, via)
        target.branch = branch
        target.forwarded = fwd
        target.destination = destination
        if let i = target.traceIndex {
            context.trace.branches[i].transport = destination.transport.rawValue
            context.trace.branches[i].destination = destination.remote.compactDescription
            context.trace.branches[i].branchID = branch
        }
        do {
            // The context and target are held weakly: once the request is answered and
            // released, only a 2xx retransmission can still come, and it goes upstream as is.
            let upstream = context.transaction
            target.transaction = try network.transactions.sendRequest(fwd, to: destination) {
                [weak self, weak context, weak target] event in
                guard let self else { return }
                if let context, let target {
                    self.branchEvent(context, target, event)
                } else if case .response(let response) = event, (200...299).contains(response.statusCode) {
                    response.popFront(.vias)  // §16.7 step 3
                    upstream?.respond(response)  // §16.7 step 5: every 2xx goes upstream
                }
            }
        } catch {
            branchFinal(context, target, Helper.makeResponse(to: context.request, code: 500), synthesized: true)
            return
        }
        if context.request.method == .invite { restartTimerC(context, target) }
    }

    /// Our Record-Route entry for one side (RFC 3261 §16.6 step 4: must carry `lr`).
    func recordRoute(host: String, port: Int, transport: TransportKind) -> NameAddr {
        var uri = configuration.recordRouteURI ?? SipURI(host: host, port: port)
        if configuration.recordRouteURI == nil && transport != .udp { uri.transport = transport.rawValue.lowercased() }
        uri.lr = true
        return NameAddr(uri: .sip(uri))
    }

    static func dialogCreating(_ method: SipMethod) -> Bool {
        ProxyConfiguration.dialogCreatingMethods.contains(method)
    }

    /// Timer C (§16.6 step 11): restarted by every provisional response; when it fires
    /// the branch is cancelled and counted as a 408.
    func restartTimerC(_ context: RequestContext, _ target: Target) {
        target.timerC?.cancel()
        target.timerC = context.timerQueue.schedule(in: configuration.timerC) { [weak self] in
            guard let self, target.isPending else { return }
            if let i = target.traceIndex { context.trace.branches[i].outcome = "timer C" }
            self.cancelBranches([target], context: context, reason: "Timer C")
            self.branchFinal(context, target, Helper.makeResponse(to: context.request, code: 408), synthesized: true)
        }
    }
}

/// Why the proxy could not forward.
enum ProxyError: Error, CustomStringConvertible {
    case unroutable(String)

    var description: String {
        switch self {
        case .unroutable(let t): return "no route to \(t)"
        }
    }
}
