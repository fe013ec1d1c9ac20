import Logging
import NIOCore
import ReproStore
import SIPCore
import SIPStack

/// The registrar as a transaction user: answers REGISTER server transactions.
///
/// Runs on the transaction's event loop and never blocks it: steps 1–2 and the registrar
/// proper are in-memory; a user-cache miss during authentication is fetched on the
/// `UserDirectory`'s executor and the request resumes on `transaction.loop`.
///
/// Register it with `TransactionLayer.addTransactionUser(service, filter: RegistrarService.isRegister)`
/// before the proxy's TU, so that REGISTER requests reach it first.
public final class RegistrarService: TransactionUser {
    public let registrar: Registrar
    public let authenticator: DigestAuthenticator
    public let users: UserDirectory
    public let trustedNodes: TrustedNodes
    /// When false (`--disable-auth`), REGISTER requests are accepted without credentials.
    public let authenticationEnabled: Bool
    private let clock: EngineClock
    private let logger: Logger

    public init(registrar: Registrar, authenticator: DigestAuthenticator, users: UserDirectory,
                trustedNodes: TrustedNodes = TrustedNodes(), authenticationEnabled: Bool = true,
                clock: EngineClock = .system, logger: Logger = Logger(label: "repro.registrar")) {
        self.registrar = registrar
        self.authenticator = authenticator
        self.users = users
        self.trustedNodes = trustedNodes
        self.authenticationEnabled = authenticationEnabled
        self.clock = clock
        self.logger = logger
    }

    /// The transaction-layer filter that sends this service every REGISTER.
    public static let isRegister: @Sendable (SipMessage) -> Bool = { $0.method == .register }

    public func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {
        guard let transaction else { return }  // an ACK to a 2xx: not ours
        guard request.method == .register else {
            let response = Helper.makeResponse(to: request, code: 405)
            response[.allow] = ["REGISTER"]
            transaction.respond(response)
            return
        }
        switch registrar.admit(request) {
        case .refused(let response):
            respond(transaction, response)
        case .accepted(let domain):
            if !authenticationEnabled || trustedNodes.isTrusted(source) {
                finish(transaction, domain: domain, user: nil)
            } else {
                authenticate(transaction, domain: domain)
            }
        }
    }

    // MARK: Step 3

    private func authenticate(_ transaction: ServerTransaction, domain: DomainRecord) {
        let request = transaction.request
        switch authenticator.verify(request, kind: .www, domain: domain, source: transaction.source, now: clock.now()) {
        case .challenge(let response):
            challenge(transaction, response)
        case .reject(let response):
            respond(transaction, response)
        case .authenticated(let user):
            finish(transaction, domain: domain, user: user.record)
        case .needsUser(let query):
            if let cached = users.cached(query) {
                resume(transaction, domain: domain, user: cached, query: query)
                return
            }
            users.fetch(query) { result in
                transaction.loop.execute {
                    switch result {
                    case .success(let user):
                        self.resume(transaction, domain: domain, user: user, query: query)
                    case .failure(let error):
                        self.logger.error("user lookup failed", metadata: ["user": "\(query.user)@\(query.domain)",
                                                                          "error": "\(error)"])
                        self.respond(transaction, Helper.makeResponse(to: request, code: 500, reason: "Store Unavailable"))
                    }
                }
            }
        }
    }

    private func resume(_ transaction: ServerTransaction, domain: DomainRecord, user: UserRecord?, query: UserQuery) {
        let request = transaction.request
        switch authenticator.verify(request, kind: .www, domain: domain, source: transaction.source, now: clock.now(),
                                    user: user, query: query) {
        case .authenticated(let user):
            finish(transaction, domain: domain, user: user.record)
        case .challenge(let response):
            challenge(transaction, response)
        case .reject(let response):
            respond(transaction, response)
        case .needsUser:
            // verify(…, user:) never asks again; answer rather than leave the transaction hanging.
            respond(transaction, Helper.makeResponse(to: request, code: 500))
        }
    }

    // MARK: Steps 4–8

    private func finish(_ transaction: ServerTransaction, domain: DomainRecord, user: UserRecord?) {
        let response = registrar.register(transaction.request, domain: domain, source: transaction.source,
                                          authenticatedUser: user, now: clock.now())
        respond(transaction, response)
    }

    /// A 401 leaves no transaction behind: its nonce is stateless, so a retransmitted
    /// REGISTER is simply challenged again (RFC 3261 §8.2.7), and a registration storm
    /// keeps one transaction per registration waiting out Timer J instead of two.
    private func challenge(_ transaction: ServerTransaction, _ response: SipMessage) {
        logger.debug("REGISTER challenged", metadata: ["request": "\(transaction.request.brief)"])
        transaction.respondAndForget(response)
    }

    private func respond(_ transaction: ServerTransaction, _ response: SipMessage) {
        logger.debug("REGISTER answered", metadata: ["request": "\(transaction.request.brief)",
                                                    "status": "\(response.statusCode)"])
        transaction.respond(response)
    }
}
