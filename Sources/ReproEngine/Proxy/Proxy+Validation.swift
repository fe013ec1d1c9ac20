import SIPCore
import SIPStack

/// RFC 3261 §16.3 (request validation) and §16.4 (route information preprocessing).
extension Proxy {
    /// The answer to an invalid request and why, or nil when the request may proceed.
    func validate(_ request: SipMessage) -> (response: SipMessage, why: String)? {
        func reject(_ code: Int, _ why: String, _ reason: String? = nil) -> (SipMessage, String) {
            (Helper.makeResponse(to: request, code: code, reason: reason), why)
        }
        // Step 2: URI scheme.
        guard let uri = request.requestURI else {
            return reject(400, "the Request-URI does not parse", "Bad Request-URI")
        }
        switch uri {
        case .sip, .tel: break
        case .absolute: return reject(416, "§16.3 step 2: unsupported URI scheme \(uri.scheme)")
        }
        // Step 3: Max-Forwards. Missing or absurd values are treated as repro does.
        let maxForwards = request[.maxForwards]
        if maxForwards == nil || maxForwards.map({ $0 > configuration.maxForwardsLimit }) == true {
            request[.maxForwards] = configuration.defaultMaxForwards
        } else if maxForwards == 0 {
            if request.method == .options, let host = uri.host, isOwnOrLocal(host: host, port: uri.sipURI?.port) {
                let ok = Helper.makeResponse(to: request, code: 200)
                try? ok.addHeader(named: "Allow", value: "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, REFER, MESSAGE, INFO, UPDATE, PRACK")
                return (ok, "§16.3 step 3: OPTIONS with Max-Forwards 0 addressed to us is answered")
            }
            return reject(483, "§16.3 step 3: Max-Forwards is 0")
        }
        // Step 4: loop detection.
        if LoopDetector.isLoop(request, isOurs: { self.network.isOwnAddress(host: $0.host, port: $0.port) }) {
            return reject(482, "§16.3 step 4: our Via with the same branch hash: a loop, not a spiral")
        }
        // Step 5: Proxy-Require; this proxy supports no extension that needs it.
        let required = request[.proxyRequire]
        if !required.isEmpty {
            let r = Helper.makeResponse(to: request, code: 420)
            r[.unsupported] = required
            return (r, "§16.3 step 5: Proxy-Require \(required.joined(separator: ", ")) is not supported")
        }
        return nil
    }

    /// Whether a URI with `host` and `port` addresses us. A domain of ours counts only without a
    /// port: with a port we do not listen on it names another server on the same host (a phone on
    /// our own machine), as repro's `Proxy::isMyUri` decides.
    func isOwnOrLocal(host: String, port: Int?) -> Bool {
        network.isOwnAddress(host: host, port: port) || (port == nil && isLocalDomain(host))
    }

    /// Whether a Route or Record-Route URI is one we put there.
    func isOurRoute(_ uri: URI) -> Bool {
        guard let sip = uri.sipURI else { return false }
        if let fixed = configuration.recordRouteURI,
           fixed.host.caseInsensitiveEquals(sip.host), fixed.port == sip.port {
            return true
        }
        return network.isOwnAddress(host: sip.host, port: sip.port)
    }

    /// §16.4: undo a strict router's rewrite, then remove our own Route entries.
    func preprocessRoutes(_ request: SipMessage) {
        if let uri = request.requestURI, isOurRoute(uri), uri.sipURI?.user == nil,
           let last = request.back(.routes) {
            // The previous hop was a strict router: it put our Record-Route URI in the
            // Request-URI; the real one is the last Route (§16.4).
            request.popBack(.routes)
            request.requestURI = last.uri
        }
        while let top = request.front(.routes), isOurRoute(top.uri) {
            request.popFront(.routes)
        }
    }
}
