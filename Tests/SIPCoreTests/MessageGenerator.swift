@testable import SIPCore

/// The typed content of a generated message: what parsing its text must give back.
struct MessageModel {
    var isRequest = true
    var method: SipMethod = .invite
    var uri: URI = .sip(SipURI(host: "example.com"))
    var statusCode = 200
    var reason = "OK"
    var vias: [Via] = []
    var from = NameAddr(uri: .sip(SipURI(host: "example.com")))
    var to = NameAddr(uri: .sip(SipURI(host: "example.com")))
    var callID = ""
    var cseq = CSeq(1, .invite)
    var maxForwards: Int?
    var contacts: [NameAddr] = []
    var routes: [NameAddr] = []
    var supported: [String] = []
    var expires: Int?
    var subject: String?
    var extras: [(name: String, value: String)] = []
    var body: [UInt8] = []
}

/// Random but valid SIP messages, drawn from a seeded `SplitMix64`, with random
/// layout: header order, compact forms, name case, list grouping, folding, white space.
struct MessageGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let tokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"
    static let alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    /// Characters for URI components: some need escaping, some are multi-byte.
    static let uriText = "abcxyzABC019-_.!~*'()&=+$,;?/ %@:#<>\"[]éü中"
    /// Characters for quoted strings: quotes and backslashes need quoted-pairs.
    static let quotedText = "abc XYZ 019\"\\,;:<>@=?'\té中"
    /// Characters for free text (no leading, trailing or doubled white space is generated).
    static let freeText = "abcXYZ019-_.,;:()<>@\"'/=?é"

    mutating func token(_ n: ClosedRange<Int> = 1...10) -> String { rng.string(from: Self.tokenChars, count: rng.int(n)) }
    mutating func word(_ n: ClosedRange<Int> = 1...8) -> String { rng.string(from: Self.alnum, count: rng.int(n)) }

    mutating func text(words: ClosedRange<Int>) -> String {
        (0..<rng.int(words)).map { _ in rng.string(from: Self.freeText, count: rng.int(1...8)) }.joined(separator: " ")
    }

    mutating func quoted() -> String { rng.string(from: Self.quotedText, count: rng.int(1...16)) }

    // MARK: hosts and URIs

    mutating func hostname() -> String {
        (0..<rng.int(1...3)).map { _ in word() }.joined(separator: ".") + "." + rng.pick(["com", "org", "example", "invalid"])
    }

    mutating func ipv4() -> String { (0..<4).map { _ in String(rng.int(0...255)) }.joined(separator: ".") }

    mutating func ipv6() -> String {
        let groups = (0..<8).map { _ in String(rng.int(0...0xffff), radix: 16) }
        switch rng.int(0...2) {
        case 0: return groups.joined(separator: ":")
        case 1: return "2001:db8::" + groups[7]
        default: return "::ffff:" + ipv4()
        }
    }

    mutating func host() -> String {
        switch rng.int(0...4) {
        case 0: return ipv4()
        case 1: return ipv6()
        default: return hostname()
        }
    }

    mutating func port() -> Int? { rng.chance(0.4) ? rng.int(0...65535) : nil }

    mutating func sipURI() -> SipURI {
        var u = SipURI(user: rng.chance(0.7) ? rng.string(from: Self.uriText, count: rng.int(1...10)) : nil,
                       host: host(), port: port(), secure: rng.chance(0.2))
        if u.user != nil && rng.chance(0.1) { u.password = rng.string(from: Self.uriText, count: rng.int(1...6)) }
        if rng.chance(0.3) { u.transport = rng.pick(["udp", "tcp", "tls", "sctp", "ws", "TCP"]) }
        if rng.chance(0.1) { u.userParameter = rng.pick(["phone", "ip"]) }
        if rng.chance(0.1) { u.method = rng.pick(["INVITE", "REGISTER", "BYE"]) }
        if rng.chance(0.1) { u.ttl = rng.int(0...255) }
        if rng.chance(0.1) { u.maddr = rng.chance(0.5) ? ipv4() : hostname() }
        if rng.chance(0.3) { u.lr = true }
        if rng.chance(0.1) { u.ob = true }
        if rng.chance(0.1) { u.gr = rng.chance(0.5) ? "" : "urn:uuid:" + word(8...8) }
        for _ in 0..<rng.int(0...2) where rng.chance(0.3) {
            u.parameters.append(Parameter(name: "x-" + token(1...6),
                                          value: rng.chance(0.3) ? nil : rng.string(from: Self.uriText, count: rng.int(1...8))))
        }
        if rng.chance(0.1) {
            u.headers = (0..<rng.int(1...2)).map { _ in
                (word(), rng.string(from: Self.uriText, count: rng.int(0...8)))
            }
        }
        return u
    }

    mutating func uri() -> URI {
        switch rng.int(0...19) {
        case 0:
            var t = TelURI(number: "+" + (0..<rng.int(1...4)).map { _ in String(rng.int(1...999)) }.joined(separator: "-"))
            if rng.chance(0.5) { t.parameters.append(Parameter(name: "ext", value: String(rng.int(1...9999)))) }
            return .tel(t)
        case 1:
            return .absolute(AbsoluteURI(scheme: "urn", text: "urn:service:" + word()))
        default:
            return .sip(sipURI())
        }
    }

    // MARK: header values

    mutating func headerParameter() -> Parameter {
        switch rng.int(0...2) {
        case 0: return Parameter(name: "x-" + token(1...6))
        case 1: return Parameter(name: "x-" + token(1...6), value: token())
        default: return Parameter(name: "x-" + token(1...6), value: quoted(), quoted: true)
        }
    }

    mutating func nameAddr(contact: Bool = false) -> NameAddr {
        var n = NameAddr(uri: uri())
        switch rng.int(0...4) {
        case 0, 1: n.displayName = quoted()
        case 2: n.displayName = (0..<rng.int(1...3)).map { _ in token() }.joined(separator: " ")
        default: n.usesAngleBrackets = rng.chance(0.5)
        }
        if !contact && rng.chance(0.6) { n.tag = token() }
        if contact {
            if rng.chance(0.3) { n.expires = rng.int(0...86400) }
            if rng.chance(0.3) { n.q = QValue(thousandths: rng.int(0...1000)) }
            if rng.chance(0.2) { n.instance = "<urn:uuid:\(word(8...8))-\(word(4...4))>" }
            if rng.chance(0.2) { n.regID = rng.int(1...9) }
        }
        for _ in 0..<rng.int(0...2) where rng.chance(0.3) { n.parameters.append(headerParameter()) }
        return n
    }

    mutating func via() -> Via {
        var v = Via(transport: rng.pick(["UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp"]), host: host(), port: port())
        if rng.chance(0.9) { v.branch = "z9hG4bK" + token() }
        if rng.chance(0.3) { v.received = rng.chance(0.5) ? ipv4() : ipv6() }
        switch rng.int(0...3) {
        case 0: v.requestRport()
        case 1: v.rport = rng.int(1...65535)
        default: break
        }
        if rng.chance(0.05) { v.maddr = ipv4() }
        if rng.chance(0.05) { v.ttl = rng.int(0...255) }
        for _ in 0..<rng.int(0...2) where rng.chance(0.2) { v.parameters.append(headerParameter()) }
        return v
    }

    mutating func method() -> SipMethod {
        rng.chance(0.8) ? rng.pick([.invite, .ack, .bye, .cancel, .options, .register, .subscribe, .notify, .message, .info])
                        : SipMethod(token(3...10).uppercased())
    }

    mutating func callID() -> String {
        let chars = "abcXYZ019-.!%*_+`'~()<>:\\\"/[]?{}"
        let id = rng.string(from: chars, count: rng.int(1...20))
        return rng.chance(0.5) ? id + "@" + hostname() : id
    }

    mutating func model() -> MessageModel {
        var m = MessageModel()
        m.isRequest = rng.chance(0.7)
        m.method = method()
        m.uri = rng.chance(0.9) ? .sip(sipURI()) : uri()
        m.statusCode = rng.int(100...699)
        m.reason = text(words: 0...3)
        m.vias = (0..<rng.int(1...4)).map { _ in via() }
        m.from = nameAddr()
        m.to = nameAddr()
        m.callID = callID()
        m.cseq = CSeq(UInt32(rng.int(0...Int(Int32.max))), m.isRequest ? m.method : method())
        if rng.chance(0.8) { m.maxForwards = rng.int(0...255) }
        if rng.chance(0.05) {
            m.contacts = [.wildcard]
        } else {
            m.contacts = (0..<rng.int(0...3)).map { _ in nameAddr(contact: true) }
        }
        m.routes = (0..<rng.int(0...3)).map { _ in
            var r = NameAddr(uri: .sip(sipURI()))
            r.uri.sipURI?.lr = true
            return r
        }
        m.supported = (0..<rng.int(0...4)).map { _ in token() }
        if rng.chance(0.3) { m.expires = rng.int(0...Int(UInt32.max)) }
        if rng.chance(0.3) { m.subject = text(words: 1...6) }
        m.extras = (0..<rng.int(0...3)).map { i in ("X-Gen-\(i)-" + word(1...4), text(words: 1...5)) }
        if rng.chance(0.3) { m.body = rng.bytes(rng.int(1...200)) }
        return m
    }

    // MARK: layout

    /// A header name: canonical, compact, or in odd case.
    mutating func name(_ h: KnownHeader) -> String {
        if let c = h.compactForm, rng.chance(0.3) { return String(c) }
        let n = h.canonicalName
        switch rng.int(0...9) {
        case 0: return n.uppercased()
        case 1: return n.lowercased()
        default: return n
        }
    }

    mutating func afterColon() -> String { rng.pick([" ", " ", " ", "", "  ", "\t", "\r\n ", " \r\n\t"]) }
    mutating func listSeparator() -> String { rng.pick([",", ", ", ", ", " , ", ",\r\n ", "\r\n , "]) }

    /// Lines of `values` split into groups, one header line per group.
    mutating func listLines(_ h: KnownHeader, _ values: [String]) -> [String] {
        var lines: [String] = []
        var i = 0
        while i < values.count {
            let n = rng.int(1...max(1, values.count - i))
            var line = name(h) + (rng.chance(0.1) ? " :" : ":") + afterColon() + values[i]
            for v in values[(i + 1)..<(i + n)] { line += listSeparator() + v }
            lines.append(line)
            i += n
        }
        return lines
    }

    /// A name-addr as text: the writer's form, or a token display name left unquoted.
    mutating func render(_ n: NameAddr) -> String {
        if let d = n.displayName,
           d.split(separator: " ", omittingEmptySubsequences: false)
               .allSatisfy({ !$0.isEmpty && $0.allSatisfy { Self.tokenChars.contains($0) } }),
           rng.chance(0.5) {
            var copy = n
            copy.displayName = nil
            copy.usesAngleBrackets = true
            return d + rng.pick([" ", "", "  "]) + copy.headerText
        }
        return n.headerText
    }

    /// The message as text, with a random layout.
    mutating func render(_ m: MessageModel) -> [UInt8] {
        var groups: [[String]] = []
        func line(_ h: KnownHeader, _ value: String) -> String { name(h) + ":" + afterColon() + value }
        groups.append(listLines(.via, m.vias.map(\.headerText)))
        groups.append([line(.from, render(m.from))])
        groups.append([line(.to, render(m.to))])
        groups.append([line(.callID, m.callID)])
        groups.append([line(.cSeq, rng.pick(["", " "]) + m.cseq.headerText.replacingOccurrences(of: " ", with: rng.pick([" ", "  ", "\t"])))])
        if let mf = m.maxForwards { groups.append([line(.maxForwards, String(mf))]) }
        var contactValues: [String] = []
        for c in m.contacts { contactValues.append(render(c)) }
        if !contactValues.isEmpty { groups.append(listLines(.contact, contactValues)) }
        if !m.routes.isEmpty { groups.append(listLines(.route, m.routes.map(\.headerText))) }
        if !m.supported.isEmpty { groups.append(listLines(.supported, m.supported)) }
        if let e = m.expires { groups.append([line(.expires, String(e))]) }
        if let s = m.subject { groups.append([line(.subject, s)]) }
        for x in m.extras { groups.append([x.name + ":" + afterColon() + x.value]) }
        if !m.body.isEmpty { groups.append([line(.contentType, "application/octet-stream")]) }
        groups.append([line(.contentLength, String(m.body.count))])
        // Interleave the groups at random, keeping each group's lines in order.
        var lines: [String] = []
        var queues = groups.filter { !$0.isEmpty }
        while !queues.isEmpty {
            let i = rng.int(0...(queues.count - 1))
            lines.append(queues[i].removeFirst())
            if queues[i].isEmpty { queues.remove(at: i) }
        }
        let start = m.isRequest ? "\(m.method.name) \(m.uri.description) SIP/2.0"
                                : "SIP/2.0 \(m.statusCode) \(m.reason)"
        let head = ([start] + lines.map { $0 + (rng.chance(0.1) ? " " : "") }).joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + m.body
    }
}
