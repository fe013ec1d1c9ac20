import Foundation
import ReproTestSupport
import Testing

/// The registrar end to end (RFC 3261 §10.3): SIPp registers through the built `repro serve`
/// with digest authentication, over UDP and over TCP.
///
/// The bindings are read back through the registrar itself: a REGISTER without Contact is a
/// query whose 200 lists every current binding (§10.2.3); and through the proxy, which answers
/// 480 for a user without bindings. (The control socket is not in `repro serve` yet.)
@Suite(.serialized) struct RegistrarTests {
    static let alice = SIPpMessage.Credentials.user("alice", password: "pw-alice")

    static var setup: ReproServer.Setup {
        ReproServer.Setup(authentication: true, users: [(user: "alice", password: "pw-alice")])
    }

    /// Bindings that lapse within the test: Expires 2 must be allowed.
    static var shortExpirySetup: ReproServer.Setup {
        var setup = Self.setup
        setup.config.append("MinimumExpires = 1")
        return setup
    }

    // MARK: Many users

    @Test(arguments: SIPTransport.allCases)
    func twoHundredUsersRegisterWithDigestAuthenticationAndTheirBindingsAreKept(over transport: SIPTransport) throws {
        let count = 200
        let users = (0..<count).map { (user: String(format: "user%04d", $0), password: String(format: "pw-%04d", $0)) }
        try ReproServer.with(ReproServer.Setup(authentication: true, users: users)) { server in
            try SIPpPeers.with(server) { peers in
                let csv = try peers.injectionFile("users.csv", lines: users.map {
                    "\($0.user);[authentication username=\($0.user) password=\($0.password)]"
                })
                var cseq = 1
                var register = SIPpScenario("register")
                register.register(user: "[field0]", headers: [CallScenarios.contact("[field0]"), "Expires: 3600"],
                                  credentials: .injectionField(1), cseq: &cseq,
                                  checks: [.contains("Contact: <sip:user[0-9]{4}@127\\.0\\.0\\.1:[0-9]+"
                                                     + ";transport=\(transport)>;expires=")])
                let registered = try peers.run(register, transport: transport, calls: count, rate: 200,
                                               injection: csv, timeout: 30)
                #expect(registered.allSucceeded && registered.successfulCalls == count,
                        "\(registered.output)\nrepro: \(server.log)")

                // Each user, asking with its own credentials, finds its binding.
                cseq = 1
                var query = SIPpScenario("query")
                query.register(user: "[field0]", headers: [], credentials: .injectionField(1), cseq: &cseq,
                               checks: [.contains("Contact: <sip:user[0-9]{4}@127\\.0\\.0\\.1")])
                let queried = try peers.run(query, transport: transport, calls: count, rate: 200,
                                            injection: csv, timeout: 30)
                #expect(queried.allSucceeded && queried.successfulCalls == count, "\(queried.output)")
            }
        }
    }

    // MARK: Refresh and removal

    @Test(arguments: SIPTransport.allCases)
    func aRefreshUpdatesTheExpiryOfTheSameBinding(over transport: SIPTransport) throws {
        var s = SIPpScenario("refresh")
        var cseq = 1
        let contact = CallScenarios.contact("alice")
        s.register(user: "alice", headers: [contact, "Expires: 3600"], credentials: Self.alice, cseq: &cseq,
                   checks: [.contains(";expires=3600")])
        // Same Call-ID, higher CSeq: the binding is replaced, not added (§10.3 step 7).
        s.register(user: "alice", headers: [contact, "Expires: 1800"], credentials: Self.alice, cseq: &cseq,
                   checks: [.contains(";expires=1800"), .lacks(";expires=3600"), .lacks("Contact:.*Contact:")])
        try expectRegistrations(s, transport)
    }

    @Test(arguments: SIPTransport.allCases)
    func unregisteringOneContactKeepsTheOthers(over transport: SIPTransport) throws {
        var s = SIPpScenario("unregister-one")
        var cseq = 1
        let desk = CallScenarios.contact("alice"), mobile = CallScenarios.contact("alice-mobile")
        s.register(user: "alice", headers: [desk, mobile, "Expires: 3600"], credentials: Self.alice, cseq: &cseq,
                   checks: [.contains("<sip:alice@"), .contains("<sip:alice-mobile@")])
        s.register(user: "alice", headers: [mobile + ";expires=0"], credentials: Self.alice, cseq: &cseq,
                   checks: [.contains("<sip:alice@"), .lacks("alice-mobile")])
        try expectRegistrations(s, transport)
    }

    @Test(arguments: SIPTransport.allCases)
    func aWildcardWithExpiresZeroRemovesEveryBinding(over transport: SIPTransport) throws {
        var s = SIPpScenario("unregister-all")
        var cseq = 1
        s.register(user: "alice", headers: [CallScenarios.contact("alice"), CallScenarios.contact("alice-mobile"),
                                            "Expires: 3600"],
                   credentials: Self.alice, cseq: &cseq, checks: [.contains("<sip:alice@"), .contains("<sip:alice-mobile@")])
        s.register(user: "alice", headers: ["Contact: *", "Expires: 0"], credentials: Self.alice, cseq: &cseq,
                   checks: [.lacks("Contact:")])
        try expectRegistrations(s, transport, thenCallingAliceGets: 480)
    }

    // MARK: Expiry

    @Test(arguments: SIPTransport.allCases)
    func aBindingLapsesWhenItsExpiryPasses(over transport: SIPTransport) throws {
        var s = SIPpScenario("expire")
        var cseq = 1
        s.register(user: "alice", headers: [CallScenarios.contact("alice"), "Expires: 2"], credentials: Self.alice,
                   cseq: &cseq, checks: [.contains(";expires=2")])
        s.pause(milliseconds: 2_500)
        s.register(user: "alice", headers: [], credentials: Self.alice, cseq: &cseq, checks: [.lacks("Contact:")])
        try expectRegistrations(s, transport, setup: Self.shortExpirySetup, thenCallingAliceGets: 480)
    }

    @Test func anExpiryBelowTheDefaultMinimumIs423WithMinExpires60() throws {
        var s = SIPpScenario("too-brief")
        var cseq = 1
        s.register(user: "alice", headers: [CallScenarios.contact("alice"), "Expires: 30"], credentials: Self.alice,
                   cseq: &cseq, checks: [.contains("Min-Expires: 60")], expect: 423)
        try expectRegistrations(s, .udp)
    }

    // MARK: Challenges

    @Test func aChallengeOffersSHA256BeforeMD5WhenNotConfiguredOtherwise() throws {
        // RFC 8760 §2.4: one challenge per algorithm, the preferred first. (The other tests
        // configure `DigestAlgorithms = MD5`: SIPp answers only the first challenge, and only MD5.)
        var s = SIPpScenario("challenge")
        var cseq = 1
        let digest = "WWW-Authenticate: Digest [^[:cntrl:]]*algorithm="
        s.register(user: "alice", headers: [CallScenarios.contact("alice"), "Expires: 3600"], credentials: nil,
                   cseq: &cseq, checks: [.contains(digest + "SHA-256[^[:cntrl:]]*[[:cntrl:]]+" + digest + "MD5")],
                   expect: 401)
        var setup = Self.setup
        setup.config = []
        try expectRegistrations(s, .udp, setup: setup)
    }

    // MARK: Helpers

    /// Runs the registration sequence `scenario` once against a fresh server; then, when
    /// `thenCallingAliceGets` is given, checks what the proxy answers an INVITE to alice.
    func expectRegistrations(_ scenario: SIPpScenario, _ transport: SIPTransport, setup: ReproServer.Setup = setup,
                             thenCallingAliceGets code: Int? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ReproServer.with(setup) { server in
            try SIPpPeers.with(server) { peers in
                let result = try peers.run(scenario, transport: transport)
                #expect(result.allSucceeded && result.successfulCalls == 1,
                        "\(result.output)\nrepro: \(server.log)", sourceLocation: sourceLocation)
                guard let code else { return }
                // From a foreign domain, so the proxy does not challenge the caller.
                let call = try peers.run(CallScenarios.rejectedCall(
                    to: CallScenarios.aor("alice"), from: "sip:someone@elsewhere.test", code: code), transport: .udp)
                #expect(call.allSucceeded, "calling alice: \(call.output)", sourceLocation: sourceLocation)
            }
        }
    }
}
