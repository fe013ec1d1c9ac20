import NIOCore
import ReproStore
import SIPCore
import SIPStack
import Synchronization

/// The registrar of RFC 3261 §10.3: decides REGISTER requests and keeps the location
/// service's bindings. Synchronous and non-blocking; authentication (step 3) sits between
/// `admit` and `register` and is run by `RegistrarService`.
public final class Registrar: Sendable {
    public let configuration: RegistrarConfiguration
    public let location: LocationService
    public let domains: LocalDomains
    private let clock: EngineClock
    /// The Date value of the current second, encoded once per second rather than per 200.
    private let lastDate = Mutex<(seconds: Int, value: [UInt8])>((-1, []))

    public init(location: LocationService, domains: LocalDomains,
                configuration: RegistrarConfiguration = RegistrarConfiguration(), clock: EngineClock = .system) {
        self.location = location
        self.domains = domains
        self.configuration = configuration
        self.clock = clock
    }

    // MARK: Steps 1–2

    /// RFC 3261 §10.3 steps 1 and 2: is the REGISTER for a domain we serve, and do we
    /// support every extension it requires?
    public func admit(_ request: SipMessage) -> RegistrarAdmission {
        // §8.2.2.1: only sip and sips name a registrar's domain.
        guard let uri = request.requestURI else {
            return .refused(Helper.makeResponse(to: request, code: 400, reason: "Malformed Request-URI"))
        }
        guard case .sip(let target) = uri else {
            return .refused(Helper.makeResponse(to: request, code: 416))
        }
        // Step 1. A registrar that is also a proxy SHOULD forward a REGISTER for a foreign
        // domain (§10.3 step 1); as repro's AmIResponsible does for a request it may not
        // relay, we refuse it with 403 — register this service only for our domains when
        // the proxy is to forward the others.
        guard let domain = domains.domain(target.host) else {
            return .refused(Helper.makeResponse(to: request, code: 403, reason: "Relaying Forbidden"))
        }
        // Step 2, §8.2.2.3: 420 listing every option tag we do not support.
        let required: [String]
        do {
            required = try request.values(.require)
        } catch {
            return .refused(Helper.makeResponse(to: request, code: 400, reason: "Malformed Require"))
        }
        let unsupported = required.filter { !configuration.supportedOptionTags.contains($0.lowercased()) }
        if !unsupported.isEmpty {
            let response = Helper.makeResponse(to: request, code: 420)
            response[.unsupported] = unsupported
            return .refused(response)
        }
        return .accepted(domain)
    }

    // MARK: Steps 4–8

    /// RFC 3261 §10.3 steps 4–8 for a REGISTER admitted for `domain`.
    ///
    /// - Parameters:
    ///   - authenticatedUser: the digest user (step 3), or nil when the source is trusted or
    ///     authentication is off — then any address-of-record of our domains may be registered.
    /// - Returns: the final response: 200 with every current binding, or the error.
    public func register(_ request: SipMessage, domain: DomainRecord, source: SipSource?,
                         authenticatedUser: UserRecord?, now: NIODeadline) -> SipMessage {
        // Step 5: the address-of-record is the To URI in canonical form.
        guard let to = request[.to] else {
            return Helper.makeResponse(to: request, code: 400, reason: "Malformed To")
        }
        guard case .sip(let toURI) = to.uri else {
            return Helper.makeResponse(to: request, code: 400, reason: "Unsupported URI Scheme in To")
        }
        guard let aorUser = toURI.user, !aorUser.isEmpty, domains.contains(toURI.host) else {
            return Helper.makeResponse(to: request, code: 404, reason: "Not Found")
        }
        // Step 4: an authenticated user may only change their own bindings.
        if let user = authenticatedUser,
           user.user != aorUser || user.domain != toURI.host.lowercased() {
            return Helper.makeResponse(to: request, code: 403, reason: "Forbidden: Not Your Address-of-Record")
        }
        let aor = toURI.addressOfRecordText

        // Step 6: the contacts and their expiry.
        let plan: RegistrationPlan
        switch RegistrationPlan.make(request, configuration: configuration) {
        case .failure(let failure): return failure.response(to: request)
        case .success(let p): plan = p
        }
        if plan.isFetch {
            // No Contact: a query; nothing changes (§10.2.3).
            return ok(request, bindings: location.lookupStored(aor: aor, now: now), now: now)
        }

        // Step 7: apply every change, or none.
        let record = RegistrationRecord(request: request, source: source, now: now)
        let (outcome, bindings) = location.modify(aor: aor, now: now) { edit in
            plan.apply(to: &edit, record: record)
        }
        if case .outOfOrder = outcome {
            // §10.3 step 7: a REGISTER no newer than the binding it would change fails as a
            // whole, so a delayed request never undoes a newer one.
            return Helper.makeResponse(to: request, code: 500, reason: "Out of Order REGISTER")
        }
        // Step 8.
        return ok(request, bindings: bindings, now: now)
    }

    /// The 200 of step 8: every current binding with its remaining expiry, Date, and the
    /// request's Path echoed with `Supported: path` (RFC 3327 §5.3).
    private func ok(_ request: SipMessage, bindings: [StoredBinding], now: NIODeadline) -> SipMessage {
        let response = Helper.makeResponse(to: request, code: 200)
        let t = now.uptimeNanoseconds
        for i in bindings.indices where !bindings[i].isLapsed(at: t) {
            let remaining = bindings[i].isStatic ? configuration.maximumExpires : bindings[i].remainingSeconds(at: t)
            // The stored text is a canonical Contact without `expires`; as a header parameter
            // (outside any `<>`, RFC 3261 §20.10) the remaining time is simply appended.
            var value: [UInt8] = []
            value.reserveCapacity(bindings[i].contactText.utf8.count + 20)
            value.append(contentsOf: bindings[i].contactText.utf8)
            value.append(contentsOf: ";expires=".utf8)
            value.append(contentsOf: String(remaining).utf8)
            try? response.addHeader(.contact, value: value)
        }
        let path = request[.paths]
        if !path.isEmpty {
            response[.paths] = path
            response[.supported] = ["path"]
        }
        try? response.addHeader(.date, value: dateValue(clock.wallSeconds()))
        return response
    }
}

extension Registrar {
    /// The text of `Date` (RFC 3261 §20.17) for `seconds` since 1970.
    func dateValue(_ seconds: Int) -> [UInt8] {
        if let cached = lastDate.withLock({ $0.seconds == seconds ? $0.value : nil }) { return cached }
        var value: [UInt8] = []
        SipDate(secondsSince1970: seconds).write(to: &value)
        lastDate.withLock { $0 = (seconds, value) }
        return value
    }
}

extension LocationService {
    /// The stored bindings of `aor`, for the registrar's fetch.
    func lookupStored(aor: String, now: NIODeadline) -> [StoredBinding] {
        modify(aor: aor, now: now) { _ in () }.bindings
    }
}
