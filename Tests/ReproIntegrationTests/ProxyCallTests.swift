import Foundation
import ReproTestSupport
import Testing

/// The proxy end to end (RFC 3261 §16): the built `repro serve` between SIPp phones, which
/// register and answer, and SIPp callers, all on 127.0.0.1.
@Suite(.serialized) struct ProxyCallTests {
    /// alice calls; bob is called; carol exists but never registers.
    static let users = [(user: "alice", password: "pw-alice"), (user: "bob", password: "pw-bob"),
                        (user: "carol", password: "pw-carol")]

    static var withoutAuthentication: ReproServer.Setup { ReproServer.Setup(users: users) }

    // MARK: Calls

    @Test(arguments: SIPTransport.allCases)
    func aCallCompletesThroughTheProxyAndIsRecordRoutedOnce(over transport: SIPTransport) throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                let ours = Self.recordRoute(server, transport)
                let other = Self.recordRoute(server, transport == .udp ? .tcp : .udp)
                let phone = try peers.startPhone(CallScenarios.phone(
                    "phone", marker: peers.registeredMarker("phone").path, answer: .answer(),
                    inviteChecks: [.contains(SIPpScenario.literal("Record-Route: \(ours)")),
                                   .lacks(SIPpScenario.literal(other))]), transport: transport)
                let caller = try peers.run(CallScenarios.call(), transport: transport)
                expectCompleted(caller, [phone], server)
            }
        }
    }

    @Test func aCallFromUDPToAPhoneRegisteredOverTCPIsRecordRoutedTwice() throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                // RFC 3261 §16.6 step 4 (and RFC 5658): the TCP side on top, then the UDP side.
                let both = SIPpScenario.literal("Record-Route: \(Self.recordRoute(server, .tcp))") + "[[:cntrl:]]+"
                    + SIPpScenario.literal("Record-Route: \(Self.recordRoute(server, .udp))")
                let phone = try peers.startPhone(CallScenarios.phone(
                    "phone", marker: peers.registeredMarker("phone").path, answer: .answer(),
                    inviteChecks: [.contains(both)]), transport: .tcp)
                let caller = try peers.run(CallScenarios.call(answerChecks: [
                    .contains(SIPpScenario.literal(Self.recordRoute(server, .tcp))),
                    .contains(SIPpScenario.literal(Self.recordRoute(server, .udp))),
                ]), transport: .udp)
                expectCompleted(caller, [phone], server)
            }
        }
    }

    // MARK: Forking

    @Test func aParallelForkForwardsThe200AndCancelsTheBranchStillRinging() throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                // Two contacts of bob with the same q ring together (RFC 3261 §16.6). The answer
                // comes after a pause, so the other phone is ringing when the 200 arrives and
                // the proxy cancels it (§16.7 step 10).
                let answering = try peers.startPhone(CallScenarios.phone(
                    "answering", marker: peers.registeredMarker("answering").path,
                    answer: .answer(afterMilliseconds: 300)), transport: .udp)
                let ringing = try peers.startPhone(CallScenarios.phone(
                    "ringing", marker: peers.registeredMarker("ringing").path, answer: .ringUntilCancelled),
                    transport: .udp)
                let caller = try peers.run(CallScenarios.call(ringingRequired: false), transport: .udp)
                expectCompleted(caller, [answering, ringing], server)
            }
        }
    }

    @Test func aParallelForkForwardsThe200WhenTheOtherBranchAnswered486() throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                // The busy phone answers at once; its 486 is kept while the other branch may
                // still answer (§16.7 step 6), and the 200 that follows wins.
                let answering = try peers.startPhone(CallScenarios.phone(
                    "answering", marker: peers.registeredMarker("answering").path,
                    answer: .answer(afterMilliseconds: 300)), transport: .udp)
                let busy = try peers.startPhone(CallScenarios.phone(
                    "busy", marker: peers.registeredMarker("busy").path,
                    answer: .reject(code: 486, reason: "Busy Here")), transport: .udp)
                let caller = try peers.run(CallScenarios.call(ringingRequired: false), transport: .udp)
                expectCompleted(caller, [answering, busy], server)
            }
        }
    }

    @Test func aSerialForkTriesTheHigherQFirstAndTheLowerQAfterItsFailure() throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                // q=0.9 rings, then answers 480 after a pause; only then may q=0.5 get the INVITE.
                // Had both rung together, q=0.5's 200 would have cancelled q=0.9 mid-pause,
                // which its scenario does not expect.
                let first = try peers.startPhone(CallScenarios.phone(
                    "first", q: "0.9", marker: peers.registeredMarker("first").path,
                    answer: .reject(code: 480, reason: "Temporarily Unavailable", ringFirst: true,
                                    afterMilliseconds: 300)), transport: .udp)
                let second = try peers.startPhone(CallScenarios.phone(
                    "second", q: "0.5", marker: peers.registeredMarker("second").path, answer: .answer()),
                    transport: .udp)
                let caller = try peers.run(CallScenarios.call(ringingRequired: false), transport: .udp)
                expectCompleted(caller, [first, second], server)
            }
        }
    }

    // MARK: Cancel

    @Test func aCancelWhileRingingIsAnswered200AndTheInvite487() throws {
        try ReproServer.with(Self.withoutAuthentication) { server in
            try SIPpPeers.with(server) { peers in
                let phone = try peers.startPhone(CallScenarios.phone(
                    "phone", marker: peers.registeredMarker("phone").path, answer: .ringUntilCancelled),
                    transport: .udp)
                let caller = try peers.run(CallScenarios.cancelledCall(), transport: .udp)
                expectCompleted(caller, [phone], server)
            }
        }
    }

    // MARK: Refusals

    @Test func anInviteToAUserWithoutABindingIs480() throws {
        try expectRefusal(Self.withoutAuthentication,
                          CallScenarios.rejectedCall(to: CallScenarios.aor("carol"), code: 480))
    }

    @Test func anInviteToAnUnknownUserIs404() throws {
        try expectRefusal(Self.withoutAuthentication,
                          CallScenarios.rejectedCall(to: CallScenarios.aor("nobody"), code: 404))
    }

    @Test func anInviteWithMaxForwardsZeroIs483() throws {
        try expectRefusal(Self.withoutAuthentication,
                          CallScenarios.rejectedCall(to: CallScenarios.aor("bob"), code: 483, maxForwards: 0))
    }

    @Test func aRequestThatComesBackWithTheSameRequestURIIs482() throws {
        // The route sends sip:loop@example.test to sip:loop@<us>: a spiral, since the
        // Request-URI changed. The same route then sends it to the same URI again: that
        // arrival is a loop (RFC 3261 §16.3 step 4), answered 482 back down the spiral.
        var setup = Self.withoutAuthentication
        setup.routes = [(pattern: "^sip:loop@", rewrite: "sip:loop@127.0.0.1:{port}")]
        try expectRefusal(setup, CallScenarios.rejectedCall(to: CallScenarios.aor("loop"), code: 482))
    }

    @Test func aRelayToAForeignDomainFromAnUntrustedSourceWithAForeignFromIs403() throws {
        try expectRefusal(Self.withoutAuthentication, CallScenarios.rejectedCall(
            to: "sip:someone@elsewhere.test", from: "sip:mallory@evil.test", code: 403))
    }

    // MARK: Authentication

    @Test func anInviteFromALocalUserIsChallenged407AndForwardedWithCredentials() throws {
        var setup = ReproServer.Setup(authentication: true)
        setup.usersAddedByCommand = [(user: "alice", password: "pw-alice"), (user: "bob", password: "pw-bob")]
        try ReproServer.with(setup) { server in
            try SIPpPeers.with(server) { peers in
                let phone = try peers.startPhone(CallScenarios.phone(
                    "phone", credentials: .user("bob", password: "pw-bob"),
                    marker: peers.registeredMarker("phone").path, answer: .answer()), transport: .udp)
                let caller = try peers.run(CallScenarios.call(credentials: .user("alice", password: "pw-alice")),
                                           transport: .udp)
                expectCompleted(caller, [phone], server)
            }
        }
    }

    // MARK: Helpers

    /// The proxy's Record-Route URI for one side (RFC 3261 §16.6 step 4: `lr`, and the transport
    /// when it is not UDP).
    static func recordRoute(_ server: ReproServer, _ transport: SIPTransport) -> String {
        transport == .udp ? "<sip:127.0.0.1:\(server.port);lr>" : "<sip:127.0.0.1:\(server.port);transport=tcp;lr>"
    }

    /// The caller's scenario ran to its end, and so did every phone's.
    func expectCompleted(_ caller: SIPp.Result, _ phones: [SIPpPeers.Phone], _ server: ReproServer,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(caller.allSucceeded && caller.successfulCalls == 1,
                "caller: \(caller.output)\nrepro: \(server.log)", sourceLocation: sourceLocation)
        for phone in phones {
            // A caller that failed leaves the phones waiting: do not wait out their timeout.
            let result = phone.result(timeout: caller.allSucceeded ? 10 : 1)
            #expect(result.allSucceeded && result.successfulCalls == 1,
                    "phone \(phone.name): \(result.output)", sourceLocation: sourceLocation)
        }
    }

    /// A server started with `setup` answers `scenario`'s INVITE with the final response it expects.
    func expectRefusal(_ setup: ReproServer.Setup, _ scenario: SIPpScenario,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ReproServer.with(setup) { server in
            try SIPpPeers.with(server) { peers in
                let caller = try peers.run(scenario, transport: .udp)
                #expect(caller.allSucceeded && caller.successfulCalls == 1,
                        "caller: \(caller.output)\nrepro: \(server.log)", sourceLocation: sourceLocation)
            }
        }
    }
}
