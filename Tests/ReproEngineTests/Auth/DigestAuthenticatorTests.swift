import NIOCore
import ReproStore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// RFC 3261 §22 / RFC 7616 / RFC 8760 digest authentication, every branch.
final class DigestAuthenticatorTests: XCTestCase {
    var store: DataStore!
    var clock: TestClock!
    var events: EventRecorder<AuthEvent>!
    var auth: DigestAuthenticator!
    let domain = Fixtures.domain

    override func setUpWithError() throws {
        store = try Fixtures.store()
        clock = TestClock()
        events = EventRecorder()
        var config = DigestAuthenticatorConfiguration()
        config.lockoutThreshold = 3
        auth = DigestAuthenticator(configuration: config, eventSink: events.sink)
    }

    /// Both steps, with the user read straight from the store.
    func decide(_ request: SipMessage, source: SipSource = Fixtures.source(), kind: AuthChallengeKind = .www,
                authenticator: DigestAuthenticator? = nil) -> AuthDecision {
        let a = authenticator ?? auth!
        switch a.verify(request, kind: kind, domain: domain, source: source, now: clock.now) {
        case .needsUser(let q):
            let user = try? store.user(q.user, domain: q.domain)
            // As the registrar and the proxy do it: the first step's query spares the second the checks.
            return a.verify(request, kind: kind, domain: domain, source: source, now: clock.now, user: user, query: q)
        case let decided:
            return decided
        }
    }

    func challenge(for request: SipMessage) throws -> SipMessage {
        try XCTUnwrap(decide(request).response)
    }

    func testRequestWithoutCredentialsIsChallengedWithSHA256ThenMD5() throws {
        let r = try challenge(for: Fixtures.register())
        XCTAssertEqual(r.statusCode, 401)
        let challenges = r[.wwwAuthenticates]
        XCTAssertEqual(challenges.map(\.algorithm), [.sha256, .md5])
        for c in challenges {
            XCTAssertEqual(c.realm, "example.com")
            XCTAssertEqual(c.qopOptions, ["auth"])
            XCTAssertFalse(c.stale)
            XCTAssertEqual(c.nonce?.count, 64)
        }
        XCTAssertEqual(challenges[0].nonce, challenges[1].nonce)
        XCTAssertNotNil(r[.to]?.tag)
    }

    func testProxyKindChallengesWith407AndProxyAuthenticate() throws {
        let invite = Fixtures.register()
        let r = try XCTUnwrap(decide(invite, kind: .proxy).response)
        XCTAssertEqual(r.statusCode, 407)
        XCTAssertEqual(r[.proxyAuthenticates].count, 2)
        XCTAssertTrue(r[.wwwAuthenticates].isEmpty)
        let answered = Fixtures.authorize(invite, challenge: r, proxy: true)
        XCTAssertEqual(decide(answered, kind: .proxy).authenticatedUser, "alice")
    }

    func testCorrectMD5CredentialsAuthenticate() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request), algorithm: .md5)
        guard case .authenticated(let user) = decide(answered) else { return XCTFail("not authenticated") }
        XCTAssertEqual(user.record.user, "alice")
        XCTAssertEqual(user.algorithm, .md5)
    }

    func testCorrectSHA256CredentialsAuthenticate() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request), algorithm: .sha256)
        guard case .authenticated(let user) = decide(answered) else { return XCTFail("not authenticated") }
        XCTAssertEqual(user.algorithm, .sha256)
    }

    func testFirstStepAsksForTheUserOfWellFormedCredentials() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request))
        guard case .needsUser(let q) = auth.verify(answered, kind: .www, domain: domain, source: Fixtures.source(),
                                                   now: clock.now)
        else { return XCTFail("expected needsUser") }
        XCTAssertEqual(q, UserQuery(user: "alice", domain: "example.com"))
    }

    func testTheSecondStepChecksTheCredentialsItselfWithoutTheFirstStepsQuery() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request))
        let user = try store.user("alice", domain: "example.com")
        XCTAssertEqual(auth.verify(answered, kind: .www, domain: domain, source: Fixtures.source(), now: clock.now,
                                   user: user).authenticatedUser, "alice")
        let wrong = Fixtures.authorize(request, challenge: try challenge(for: request), password: "wrong")
        XCTAssertEqual(auth.verify(wrong, kind: .www, domain: domain, source: Fixtures.source(), now: clock.now,
                                   user: user).response?.statusCode, 403)
    }

    func testAQueryFromAnotherRequestDoesNotStandInForThisRequestsCredentials() throws {
        let request = Fixtures.register()
        let good = Fixtures.authorize(request, challenge: try challenge(for: request))
        guard case .needsUser(let goodQuery) = auth.verify(good, kind: .www, domain: domain, source: Fixtures.source(),
                                                           now: clock.now)
        else { return XCTFail("expected needsUser") }
        let wrong = Fixtures.authorize(request, challenge: try challenge(for: request), password: "wrong")
        let user = try store.user("alice", domain: "example.com")
        let decision = auth.verify(wrong, kind: .www, domain: domain, source: Fixtures.source(), now: clock.now,
                                   user: user, query: goodQuery)
        XCTAssertEqual(decision.response?.statusCode, 403, "the wrong password is found out, not taken on trust")
        XCTAssertEqual(auth.verify(good, kind: .proxy, domain: domain, source: Fixtures.source(), now: clock.now,
                                   user: user, query: goodQuery).response?.statusCode, 407,
                       "a query for the other kind of challenge is not used either")
    }

    func testALockoutThatStartsBetweenTheStepsRefusesTheSecond() throws {
        let request = Fixtures.register()
        let good = Fixtures.authorize(request, challenge: try challenge(for: request))
        guard case .needsUser(let query) = auth.verify(good, kind: .www, domain: domain, source: Fixtures.source(),
                                                       now: clock.now)
        else { return XCTFail("expected needsUser") }
        for _ in 0..<3 {
            let bad = Fixtures.authorize(request, challenge: try challenge(for: request), password: "wrong")
            _ = decide(bad)
        }
        let user = try store.user("alice", domain: "example.com")
        let r = try XCTUnwrap(auth.verify(good, kind: .www, domain: domain, source: Fixtures.source(), now: clock.now,
                                          user: user, query: query).response)
        XCTAssertEqual(r.statusCode, 403)
        XCTAssertEqual(r.reasonPhrase, "Too Many Failed Attempts")
    }

    func testWrongPasswordIsRefusedWith403() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request), password: "wrong")
        let r = try XCTUnwrap(decide(answered).response)
        XCTAssertEqual(r.statusCode, 403)
        XCTAssertEqual(r.reasonPhrase, "Authentication Failed")
        XCTAssertTrue(r[.wwwAuthenticates].isEmpty)
    }

    func testUnknownUserGetsExactlyTheAnswerOfAWrongPassword() throws {
        let request = Fixtures.register(user: "mallory")
        let unknown = try XCTUnwrap(decide(Fixtures.authorize(request, challenge: try challenge(for: request),
                                                             user: "mallory")).response)
        let known = Fixtures.register()
        let wrong = try XCTUnwrap(decide(Fixtures.authorize(known, challenge: try challenge(for: known),
                                                           password: "wrong")).response)
        XCTAssertEqual(unknown.statusCode, wrong.statusCode)
        XCTAssertEqual(unknown.reasonPhrase, wrong.reasonPhrase)
        XCTAssertEqual(unknown.headerNames, wrong.headerNames)
    }

    func testUnknownUserIsChallengedLikeAKnownOne() throws {
        let a = try challenge(for: Fixtures.register(user: "mallory"))
        let b = try challenge(for: Fixtures.register(user: "alice"))
        XCTAssertEqual(a.statusCode, b.statusCode)
        XCTAssertEqual(a.headerNames, b.headerNames)
        XCTAssertEqual(a[.wwwAuthenticates].map(\.algorithm), b[.wwwAuthenticates].map(\.algorithm))
    }

    func testDisabledUserIsRefusedWith403() throws {
        let request = Fixtures.register(user: "carol")
        let r = try XCTUnwrap(decide(Fixtures.authorize(request, challenge: try challenge(for: request),
                                                       user: "carol")).response)
        XCTAssertEqual(r.statusCode, 403)
    }

    func testExpiredNonceIsRechallengedAsStale() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request))
        clock.advance(seconds: 301)
        let r = try XCTUnwrap(decide(answered).response)
        XCTAssertEqual(r.statusCode, 401)
        XCTAssertEqual(r[.wwwAuthenticates].map(\.stale), [true, true])
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: r)).authenticatedUser, "alice")
    }

    func testNonceWithinItsLifetimeIsAccepted() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request))
        clock.advance(seconds: 299)
        XCTAssertEqual(decide(answered).authenticatedUser, "alice")
    }

    func testForgedNonceGetsAFreshChallengeNotStale() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        let other = DigestAuthenticator()  // another secret: as after a restart
        let foreign = try XCTUnwrap(decide(request, authenticator: other).response)
        let answered = Fixtures.authorize(request, challenge: foreign)
        let r = try XCTUnwrap(decide(answered).response)
        XCTAssertEqual(r.statusCode, 401)
        XCTAssertEqual(r[.wwwAuthenticates].map(\.stale), [false, false])
        XCTAssertNotEqual(r[.wwwAuthenticates].first?.nonce, c[.wwwAuthenticates].first?.nonce)
    }

    func testReplayedNonceCountIsRechallenged() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        let first = Fixtures.authorize(request, challenge: c, nc: "00000001")
        XCTAssertEqual(decide(first).authenticatedUser, "alice")
        let replay = decide(Fixtures.reparsed(first))
        XCTAssertTrue(replay.isChallenge)
        XCTAssertEqual(replay.response?.statusCode, 401)
        XCTAssertTrue(events.all.contains(.failed(source: "192.0.2.10", user: "alice@example.com",
                                                  reason: "replayed nonce count")))
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c, nc: "00000002")).authenticatedUser, "alice")
        XCTAssertTrue(decide(Fixtures.authorize(request, challenge: c, nc: "00000002")).isChallenge)
    }

    func testLockoutAfterRepeatedFailuresAndReleaseAfterCooldown() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        for _ in 0..<3 {
            XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c, password: "guess")).response?.statusCode, 403)
        }
        let lockouts = events.all.filter { if case .lockout = $0 { return true } else { return false } }
        XCTAssertEqual(lockouts, [.lockout(source: "192.0.2.10", user: "alice@example.com",
                                           until: clock.now + .seconds(300))])
        // Locked out: even the right password is refused, and so is a fresh attempt.
        let locked = try XCTUnwrap(decide(Fixtures.authorize(request, challenge: c, nc: "00000009")).response)
        XCTAssertEqual(locked.statusCode, 403)
        XCTAssertEqual(locked.reasonPhrase, "Too Many Failed Attempts")
        XCTAssertEqual(decide(Fixtures.register()).response?.statusCode, 403)
        // Another source is not affected.
        XCTAssertEqual(decide(Fixtures.register(), source: Fixtures.source("192.0.2.99")).response?.statusCode, 401)
        clock.advance(seconds: 300)
        let fresh = try challenge(for: request)
        XCTAssertEqual(fresh.statusCode, 401)
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: fresh)).authenticatedUser, "alice")
    }

    func testFailuresAgainstOneUserLockOutTheSourceThatReachesTheThreshold() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        for i in 1...3 {
            let source = Fixtures.source("198.51.100.\(i)")
            XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c, password: "x"), source: source)
                .response?.statusCode, 403)
        }
        XCTAssertEqual(decide(Fixtures.register(), source: Fixtures.source("198.51.100.3")).response?.reasonPhrase,
                       "Too Many Failed Attempts")
        XCTAssertEqual(decide(Fixtures.register(), source: Fixtures.source("198.51.100.1")).response?.statusCode, 401)
    }

    func testASuccessClearsTheFailuresCountedAgainstItsUser() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        for i in 1...2 {
            XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c, password: "x"),
                                  source: Fixtures.source("198.51.100.\(i)")).response?.statusCode, 403)
        }
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c), source: Fixtures.source("198.51.100.9"))
            .authenticatedUser, "alice")
        // A third failure against alice, from a third source: without the success in between
        // it would reach the threshold (3) and lock that source out.
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: c, password: "x"),
                              source: Fixtures.source("198.51.100.3")).response?.statusCode, 403)
        XCTAssertEqual(decide(Fixtures.register(), source: Fixtures.source("198.51.100.3")).response?.statusCode, 401,
                       "not locked out")
    }

    func testFailuresOutsideTheWindowDoNotAddUp() throws {
        let request = Fixtures.register()
        for _ in 0..<2 {
            let c = try challenge(for: request)
            _ = decide(Fixtures.authorize(request, challenge: c, password: "x"))
        }
        clock.advance(seconds: 61)
        let c = try challenge(for: request)
        _ = decide(Fixtures.authorize(request, challenge: c, password: "x"))
        XCTAssertEqual(decide(Fixtures.register()).response?.statusCode, 401, "not locked out")
    }

    func testDigestURIMayDifferFromTheRequestURIByDefault() throws {
        let request = Fixtures.register()
        let answered = Fixtures.authorize(request, challenge: try challenge(for: request), uri: "sip:192.0.2.1:5060")
        XCTAssertEqual(decide(answered).authenticatedUser, "alice")
    }

    func testDigestURIMustMatchTheRequestURIWhenRequired() throws {
        var config = DigestAuthenticatorConfiguration()
        config.requireURIMatch = true
        let strict = DigestAuthenticator(configuration: config)
        let request = Fixtures.register()
        let c = try XCTUnwrap(decide(request, authenticator: strict).response)
        let mismatched = Fixtures.authorize(request, challenge: c, uri: "sip:192.0.2.1:5060")
        XCTAssertEqual(decide(mismatched, authenticator: strict).response?.statusCode, 400)
        let matching = Fixtures.authorize(request, challenge: c, nc: "00000002")
        XCTAssertEqual(decide(matching, authenticator: strict).authenticatedUser, "alice")
    }

    func testCredentialsWithoutAResponseAreMalformed() throws {
        let request = Fixtures.register(headers: ["Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"x\", uri=\"sip:example.com\""])
        XCTAssertEqual(decide(request).response?.statusCode, 400)
    }

    func testAnUnparsableCredentialsLineMakesTheRequestsCredentialsUnparsable() throws {
        let request = Fixtures.register()
        let good = Fixtures.authorize(request, challenge: try challenge(for: request))
        XCTAssertEqual(decide(good).authenticatedUser, "alice")
        for bad in ["Digest realm=", "Digest username=\"alice\" realm=\"x\"", "=x", "Digest realm=\"open"] {
            let request = Fixtures.register()
            let c = try challenge(for: request)
            let m = Fixtures.authorize(request, challenge: c)
            try m.addHeader(named: "Authorization", value: bad)
            let answer = try XCTUnwrap(decide(m).response, bad)
            XCTAssertEqual(answer.statusCode, 400, bad)
            XCTAssertEqual(answer.reasonPhrase, "Bad Credentials: unparsable credentials", bad)
        }
    }

    func testTheFirstDigestCredentialsForTheRealmCount() throws {
        let request = Fixtures.register()
        let c = try challenge(for: request)
        let m = Fixtures.authorize(request, challenge: c)
        let valid = try XCTUnwrap(m.headerValue(named: "Authorization"))
        m.removeHeader(named: "Authorization")
        try m.addHeader(named: "Authorization", value: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        try m.addHeader(named: "Authorization", value: #"Digest username="alice", realm="elsewhere.org", nonce="x", uri="sip:a", response="00""#)
        try m.addHeader(named: "Authorization", value: valid)
        try m.addHeader(named: "Authorization", value: #"Digest username="alice", realm="example.com", nonce="x", uri="sip:a", response="00""#)
        XCTAssertEqual(decide(m).authenticatedUser, "alice", "Basic and another realm are skipped; the first for ours counts")
    }

    func testCredentialsForAnotherRealmAreIgnored() throws {
        let request = Fixtures.register(headers: ["Authorization: Digest username=\"alice\", realm=\"elsewhere.org\", nonce=\"x\", uri=\"sip:example.com\", response=\"00\""])
        XCTAssertEqual(decide(request).response?.statusCode, 401)
    }

    func testSHA256CredentialsOfAnMD5OnlyUserAreRechallengedWithMD5() throws {
        let request = Fixtures.register(user: "dave")
        let c = try challenge(for: request)
        let r = try XCTUnwrap(decide(Fixtures.authorize(request, challenge: c, user: "dave", algorithm: .sha256)).response)
        XCTAssertEqual(r.statusCode, 401)
        XCTAssertEqual(r[.wwwAuthenticates].map(\.algorithm), [.md5])
        XCTAssertEqual(decide(Fixtures.authorize(request, challenge: r, user: "dave")).authenticatedUser, "dave")
    }
}
