/// The scenarios of the end-to-end tests: phones that register and answer, callers, and
/// registration sequences, for the domain `example.test`.
enum CallScenarios {
    static let domain = "example.test"

    static func aor(_ user: String) -> String { "sip:\(user)@\(domain)" }

    /// The Contact header of a phone: its own address, on the transport it runs over.
    static func contact(_ user: String, parameters: String = "") -> String {
        "Contact: <sip:\(user)@[local_ip]:[local_port];transport=[transport]>\(parameters)"
    }

    // MARK: Phones

    /// What a phone does with the INVITE the proxy forwards to it.
    enum Answer {
        /// 180, then 200 after `afterMilliseconds`; then ACK and BYE (answered 200).
        case answer(afterMilliseconds: Int = 0)
        /// Optionally 180 and a pause, then the final `code`; then the ACK.
        case reject(code: Int, reason: String, ringFirst: Bool = false, afterMilliseconds: Int = 0)
        /// 180, then waits for the CANCEL: 200 for it, 487 for the INVITE, then the ACK.
        case ringUntilCancelled
    }

    /// A phone of `user`: registers (with digest `credentials` when given) one contact with
    /// `q`, touches `marker` once registered, then answers one INVITE as `answer` says.
    /// `inviteChecks` apply to the INVITE as it arrives.
    static func phone(_ name: String, user: String = "bob", q: String? = nil,
                      credentials: SIPpMessage.Credentials? = nil, marker: String, answer: Answer,
                      inviteChecks: [SIPpScenario.Check] = []) -> SIPpScenario {
        var s = SIPpScenario(name)
        var cseq = 1
        s.register(user: user, headers: [contact(user, parameters: q.map { ";q=\($0)" } ?? ""), "Expires: 3600"],
                   credentials: credentials, cseq: &cseq, marker: marker)
        switch answer {
        case .answer(let delay):
            s.receive(request: "INVITE", checks: inviteChecks)
            s.send(SIPpMessage.response(180, "Ringing", toInvite: true, user: user))
            if delay > 0 { s.pause(milliseconds: delay) }
            s.send(SIPpMessage.response(200, "OK", toInvite: true, user: user), retransmit: true)
            s.receive(request: "ACK")
            s.receive(request: "BYE")
            s.send(SIPpMessage.response(200, "OK", toInvite: false))
        case .reject(let code, let reason, let ringFirst, let delay):
            s.receive(request: "INVITE", checks: inviteChecks)
            if ringFirst { s.send(SIPpMessage.response(180, "Ringing", toInvite: true, user: user)) }
            if delay > 0 { s.pause(milliseconds: delay) }
            s.send(SIPpMessage.response(code, reason, toInvite: true, user: user), retransmit: true)
            s.receive(request: "ACK")
        case .ringUntilCancelled:
            s.receive(request: "INVITE", checks: inviteChecks, remember: true)
            s.send(SIPpMessage.response(180, "Ringing", toInvite: true, user: user))
            s.receive(request: "CANCEL")
            s.send(SIPpMessage.response(200, "OK", toInvite: false))
            s.send(SIPpMessage.responseToRememberedRequest(487, "Request Terminated"), retransmit: true)
            s.receive(request: "ACK")
        }
        return s
    }

    // MARK: Callers

    /// alice calls `callee` and the call completes: INVITE (after a 407 when `credentials` are
    /// given), 180 (`ringing` required or not: a fork may ring twice), 200, ACK, BYE, 200.
    /// `answerChecks` apply to the 200.
    static func call(_ callee: String = "bob", credentials: SIPpMessage.Credentials? = nil,
                     ringingRequired: Bool = true, answerChecks: [SIPpScenario.Check] = []) -> SIPpScenario {
        var s = SIPpScenario("caller")
        let from = aor("alice"), to = aor(callee)
        var cseq = 1
        if let credentials {
            s.send(SIPpMessage.request("INVITE", uri: to, from: from, to: to, cseq: cseq,
                                       headers: [contact("alice")]), retransmit: true)
            s.receive(response: 100, optional: true)
            s.receive(response: 407, challenge: true)
            s.send(SIPpMessage.sameTransaction("ACK", uri: to, from: from, to: to, cseq: cseq))
            cseq += 1
            s.send(SIPpMessage.request("INVITE", uri: to, from: from, to: to, cseq: cseq,
                                       headers: [contact("alice"), credentials.header]), retransmit: true)
        } else {
            s.send(SIPpMessage.request("INVITE", uri: to, from: from, to: to, cseq: cseq,
                                       headers: [contact("alice")]), retransmit: true)
        }
        s.receive(response: 100, optional: true)
        s.receive(response: 180, optional: !ringingRequired)
        s.receive(response: 200, recordRoutes: true, checks: answerChecks)
        s.send(SIPpMessage.inDialog("ACK", from: from, cseq: cseq))
        // A moment of conversation: over TCP the proxy may open a new connection for the ACK
        // and another for the BYE, and SIPp refuses a BYE that overtakes the ACK.
        s.pause(milliseconds: 100)
        s.send(SIPpMessage.inDialog("BYE", from: from, cseq: cseq + 1), retransmit: true)
        s.receive(response: 200)
        return s
    }

    /// An INVITE to `uri` from `from` that the proxy answers with the final `code` (then ACKed).
    static func rejectedCall(to uri: String, from: String = aor("alice"), code: Int,
                             maxForwards: Int = 70, checks: [SIPpScenario.Check] = []) -> SIPpScenario {
        var s = SIPpScenario("caller")
        s.send(SIPpMessage.request("INVITE", uri: uri, from: from, to: uri, cseq: 1, maxForwards: maxForwards,
                                   headers: [contact("caller")]), retransmit: true)
        s.receive(response: 100, optional: true)
        s.receive(response: code, checks: checks)
        s.send(SIPpMessage.sameTransaction("ACK", uri: uri, from: from, to: uri, cseq: 1))
        return s
    }

    /// alice calls `callee` and hangs up while it rings: CANCEL after the 180, 200 for the
    /// CANCEL, 487 for the INVITE, ACK.
    static func cancelledCall(_ callee: String = "bob") -> SIPpScenario {
        var s = SIPpScenario("caller")
        let from = aor("alice"), to = aor(callee)
        s.send(SIPpMessage.request("INVITE", uri: to, from: from, to: to, cseq: 1, headers: [contact("alice")]),
               retransmit: true)
        s.receive(response: 100, optional: true)
        s.receive(response: 180)
        s.send(SIPpMessage.sameTransaction("CANCEL", uri: to, from: from, to: to, cseq: 1), retransmit: true)
        s.receive(response: 200, checks: [.contains("CSeq: 1 CANCEL")])
        s.receive(response: 487, checks: [.contains("CSeq: 1 INVITE")])
        s.send(SIPpMessage.sameTransaction("ACK", uri: to, from: from, to: to, cseq: 1))
        return s
    }
}

extension SIPpScenario {
    /// A REGISTER of `user` with `headers` (Contact, Expires), answered 200; with
    /// `credentials`, first challenged 401 and sent again with them (RFC 3261 §22.2).
    /// `checks` apply to the 200; `marker` is touched when it arrives.
    mutating func register(user: String, headers: [String], credentials: SIPpMessage.Credentials?,
                           cseq: inout Int, checks: [Check] = [], marker: String? = nil, expect code: Int = 200) {
        let aor = CallScenarios.aor(user)
        send(SIPpMessage.request("REGISTER", uri: "sip:\(CallScenarios.domain)", from: aor, to: aor, cseq: cseq,
                                 headers: headers), retransmit: true)
        cseq += 1
        if let credentials {
            receive(response: 401, challenge: true)
            send(SIPpMessage.request("REGISTER", uri: "sip:\(CallScenarios.domain)", from: aor, to: aor, cseq: cseq,
                                     headers: headers + [credentials.header]), retransmit: true)
            cseq += 1
        }
        receive(response: code, checks: checks, marker: marker)
    }
}
