@testable import SIPCore

/// Reads every typed header key SIPCore defines, the start line and the body,
/// discarding the results: used to check that no read traps on any input.
enum TypedReads {
    static func readEverything(_ m: SipMessage) {
        _ = m.requestURI
        _ = try? m.parsedRequestURI()
        _ = m.startLine
        _ = m.method
        _ = m.statusCode
        _ = m.reasonPhrase
        _ = m.body
        _ = m.brief
        _ = m.description
        for key in [HeaderKey<NameAddr>.from, .to, .referTo, .referredBy] {
            _ = try? m.get(key)
        }
        for key in [ListHeaderKey<NameAddr>.contacts, .routes, .recordRoutes, .paths,
                    .pAssertedIdentities, .pPreferredIdentities] {
            _ = try? m.values(key)
            _ = m.front(key)
            _ = m.back(key)
        }
        _ = try? m.values(.vias)
        _ = m.front(.vias)
        _ = m.back(.vias)
        _ = try? m.get(.cSeq)
        for key in [HeaderKey<Int>.maxForwards, .expires, .minExpires, .contentLength] { _ = try? m.get(key) }
        for key in [HeaderKey<String>.callID, .userAgent, .server, .subject, .organization] { _ = try? m.get(key) }
        for key in [ListHeaderKey<String>.supported, .require, .proxyRequire, .unsupported, .allow, .allowEvents] {
            _ = try? m.values(key)
        }
        for name in Set(m.headerNames.map { $0.lowercased() }) { _ = m.headerValues(named: name) }
        for via in m[.vias] {
            _ = (via.branch, via.rport, via.hasRport, via.received, via.maddr, via.ttl, via.headerText)
        }
        for na in m[.contacts] + m[.routes] + [m[.from], m[.to]].compactMap({ $0 }) {
            _ = (na.tag, na.expires, na.q, na.instance, na.regID, na.headerText)
            if let u = na.uri.sipURI { _ = (u.transport, u.ttl, u.lr, u.ob, u.gr, u.addressOfRecord, u.description) }
        }
        _ = try? TransactionKey.server(for: m)
        _ = try? TransactionKey.client(for: m)
        _ = m.serialize()
        _ = m.copy().serialize()
    }
}
