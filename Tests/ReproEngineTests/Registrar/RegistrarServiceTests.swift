import NIOCore
import NIOEmbedded
import ReproStore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// The registrar behind a real transaction layer: REGISTER in, response out, with the
/// user looked up off the loop on a cache miss.
final class RegistrarServiceTests: XCTestCase {
    var loop: NIOAsyncTestingEventLoop!
    var transport: RecordingTransport!
    var layer: TransactionLayer!
    var clock: TestClock!
    var location: LocationService!
    var store: DataStore!

    override func setUpWithError() throws {
        loop = NIOAsyncTestingEventLoop()
        transport = RecordingTransport()
        layer = TransactionLayer(loops: [loop], transport: transport)
        clock = TestClock()
        location = LocationService()
        store = try Fixtures.store()
    }

    override func tearDown() async throws {
        await loop.shutdownGracefully()
    }

    func install(authenticationEnabled: Bool = true, trusted: [AclEntry] = []) async throws {
        let registrar = Registrar(location: location, domains: LocalDomains([Fixtures.domain]), clock: clock.engineClock)
        let service = RegistrarService(registrar: registrar, authenticator: DigestAuthenticator(),
                                       users: UserDirectory(store: store), trustedNodes: TrustedNodes(trusted),
                                       authenticationEnabled: authenticationEnabled, clock: clock.engineClock)
        try await layer.addTransactionUser(service, filter: RegistrarService.isRegister).get()
    }

    /// Hands `request` to the transaction layer and waits for the response it causes.
    func send(_ request: SipMessage, from source: SipSource = Fixtures.source()) async throws -> SipMessage {
        let expected = transport.sent.count + 1
        let sent = transport.expectation(forTotal: expected)
        layer.receive(Fixtures.reparsed(request), from: source)
        await fulfillment(of: [sent], timeout: 10)
        return try XCTUnwrap(transport.sent.last)
    }

    func testChallengeThenRegisterWithCredentialsLookedUpOffTheLoop() async throws {
        try await install()
        let request = Fixtures.register(expires: 600)
        let challenge = try await send(request)
        XCTAssertEqual(challenge.statusCode, 401)
        XCTAssertEqual(challenge[.wwwAuthenticates].map(\.algorithm), [.sha256, .md5])
        let ok = try await send(Fixtures.authorize(Fixtures.register(expires: 600, cseq: 2), challenge: challenge,
                                                   algorithm: .sha256))
        XCTAssertEqual(ok.statusCode, 200)
        XCTAssertEqual(ok[.contacts].first?.expires, 600)
        XCTAssertEqual(location.lookup(aor: "sip:alice@example.com", now: clock.now).count, 1)
        // The second time the user comes from the cache, on the loop.
        let again = try await send(Fixtures.authorize(Fixtures.register(expires: 600, cseq: 3), challenge: challenge,
                                                      algorithm: .sha256, nc: "00000002"))
        XCTAssertEqual(again.statusCode, 200)
    }

    func testWrongPasswordIsRefusedThroughTheService() async throws {
        try await install()
        let challenge = try await send(Fixtures.register())
        let r = try await send(Fixtures.authorize(Fixtures.register(cseq: 2), challenge: challenge, password: "nope"))
        XCTAssertEqual(r.statusCode, 403)
        XCTAssertTrue(location.lookup(aor: "sip:alice@example.com", now: clock.now).isEmpty)
    }

    func testTrustedSourceRegistersWithoutCredentials() async throws {
        let acl = AclEntry(network: try XCTUnwrap(IPNetwork(parsing: "192.0.2.0/24")))
        try await install(trusted: [acl])
        let r = try await send(Fixtures.register())
        XCTAssertEqual(r.statusCode, 200)
    }

    func testWithAuthenticationDisabledAnyUserOfOurDomainRegisters() async throws {
        try await install(authenticationEnabled: false)
        let r = try await send(Fixtures.register(user: "nobody", contacts: ["<sip:nobody@192.0.2.10>"]))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertEqual(location.lookup(aor: "sip:nobody@example.com", now: clock.now).count, 1)
    }

    func testForeignDomainIsRefusedBeforeAnyChallenge() async throws {
        try await install()
        let r = try await send(Fixtures.register(requestURI: "sip:elsewhere.org"))
        XCTAssertEqual(r.statusCode, 403)
    }

    func testUnsupportedRequireIsRefusedBeforeAnyChallenge() async throws {
        try await install()
        let r = try await send(Fixtures.register(headers: ["Require: gruu"]))
        XCTAssertEqual(r.statusCode, 420)
        XCTAssertEqual(r[.unsupported], ["gruu"])
    }

    func testOtherMethodsGet405WithAllow() async throws {
        let registrar = Registrar(location: location, domains: LocalDomains([Fixtures.domain]))
        let service = RegistrarService(registrar: registrar, authenticator: DigestAuthenticator(),
                                       users: UserDirectory(store: store))
        try await layer.addTransactionUser(service).get()
        let options = Fixtures.register()
        let text = String(decoding: options.serialize(), as: UTF8.self)
            .replacingOccurrences(of: "REGISTER", with: "OPTIONS")
        let r = try await send(try SipMessage.parse(text))
        XCTAssertEqual(r.statusCode, 405)
        XCTAssertEqual(r[.allow], ["REGISTER"])
    }
}
