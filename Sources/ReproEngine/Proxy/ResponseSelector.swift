import SIPCore

/// Chooses the response a proxy sends upstream once every branch has a final
/// response (RFC 3261 §16.7 steps 6 and 7).
public enum ResponseSelector {
    /// 4xx responses that tell the caller how to retry, preferred within the 4xx class (§16.7 step 6).
    static let preferred4xx: [Int] = [401, 407, 415, 420, 484]

    /// The best of `responses` (final responses, one per branch) and why it won.
    public static func best(of responses: [SipMessage]) -> (response: SipMessage, why: String)? {
        guard !responses.isEmpty else { return nil }
        // §16.7 step 6: a 6xx wins over everything else.
        if let global = responses.first(where: { $0.statusCode >= 600 }) {
            return (global, "a 6xx ends the search (RFC 3261 §16.7 step 6)")
        }
        if let ok = responses.first(where: { (200...299).contains($0.statusCode) }) {
            return (ok, "a 2xx is forwarded at once")
        }
        let lowestClass = responses.map { $0.statusCode / 100 }.min() ?? 5
        let inClass = responses.filter { $0.statusCode / 100 == lowestClass }
        if lowestClass == 4, let p = inClass.first(where: { preferred4xx.contains($0.statusCode) }) {
            return (p, "lowest class 4xx; \(p.statusCode) preferred because it tells the caller how to retry")
        }
        // Prefer a response that came from a real peer over one the proxy synthesized (408 from timers).
        let chosen = inClass.min { $0.statusCode < $1.statusCode } ?? inClass[0]
        return (chosen, "lowest response class (\(lowestClass)xx)")
    }

    /// Turns the chosen response into what is sent upstream: a 503 becomes a 500
    /// (§16.7 step 6), and every 401/407 challenge is merged into a 401/407 (§16.7 step 7).
    public static func prepare(_ chosen: SipMessage, all responses: [SipMessage]) -> SipMessage {
        let out = chosen.copy()
        if out.statusCode == 503 {
            out.statusCode = 500
            out.reasonPhrase = "Server Internal Error"
            out.remove(.retryAfter)
        }
        if out.statusCode == 401 || out.statusCode == 407 {
            var www: [AuthHeader] = []
            var proxy: [AuthHeader] = []
            for r in responses where r.statusCode == 401 || r.statusCode == 407 {
                www.append(contentsOf: r[.wwwAuthenticates])
                proxy.append(contentsOf: r[.proxyAuthenticates])
            }
            if !www.isEmpty { out[.wwwAuthenticates] = www }
            if !proxy.isEmpty { out[.proxyAuthenticates] = proxy }
        }
        return out
    }
}
