import NIOCore
import SIPCore
import SIPStack

/// What a REGISTER asks for once its contacts are read (RFC 3261 §10.3 step 6), and how
/// it is applied to the stored bindings (step 7).
struct RegistrationPlan {
    /// One Contact of the request with the expiry the registrar grants it.
    struct ContactChange {
        /// The contact without `expires`, as it will be stored.
        var contact: NameAddr
        /// `contact` in canonical text, written once.
        var contactText: String
        /// Granted seconds; 0 removes the binding.
        var expires: Int
        var q: QValue
        var instance: String?
        var regID: Int?

        /// RFC 5626 §6: a contact with `+sip.instance` and `reg-id` is the same binding as
        /// one with the same pair; otherwise contacts compare by URI (RFC 3261 §10.3 step 7, §19.1.4).
        func matches(_ stored: StoredBinding) -> Bool {
            guard !stored.isStatic else { return false }
            // A refresh sends the contact it registered: the same canonical text is the same
            // URI, instance and reg-id, found without parsing the stored binding.
            if stored.contactText == contactText { return true }
            if let instance, let regID {
                return stored.instance == instance && Int(stored.regID) == regID
            }
            return stored.contactURI == contact.uri
        }
    }

    /// Why a REGISTER fails step 6.
    enum Failure: Error {
        case badRequest(String)
        /// 423 with the smallest expiry accepted (§10.3 step 6, §21.4.17).
        case intervalTooBrief(minimum: Int)

        func response(to request: SipMessage) -> SipMessage {
            switch self {
            case .badRequest(let reason):
                return Helper.makeResponse(to: request, code: 400, reason: reason)
            case .intervalTooBrief(let minimum):
                let r = Helper.makeResponse(to: request, code: 423)
                r[.minExpires] = minimum
                return r
            }
        }
    }

    /// The result of step 7.
    enum Outcome {
        case applied
        /// A binding's Call-ID matches and the request's CSeq is not higher: nothing was changed.
        case outOfOrder
    }

    /// No Contact at all: the REGISTER only asks for the current bindings.
    var isFetch = false
    /// `Contact: *` with `Expires: 0`.
    var removesAll = false
    var changes: [ContactChange] = []

    /// Step 6: reads the contacts and grants each an expiry: the contact's `expires`
    /// parameter, else the Expires header, else the default; 0 removes; below the minimum
    /// is refused with 423; above the maximum is cut to it.
    static func make(_ request: SipMessage, configuration: RegistrarConfiguration) -> Result<RegistrationPlan, Failure> {
        var plan = RegistrationPlan()
        let contacts: [NameAddr]
        do {
            contacts = try request.values(.contacts)
        } catch {
            return .failure(.badRequest("Malformed Contact"))
        }
        var headerExpires: Int?
        if request.exists(.expires) {
            guard let value = try? request.get(.expires) else { return .failure(.badRequest("Malformed Expires")) }
            headerExpires = value
        }
        if contacts.isEmpty {
            plan.isFetch = true
            return .success(plan)
        }
        if contacts.contains(where: \.isWildcard) {
            // §10.3 step 6: `*` only alone and with an expiration of zero.
            guard contacts.count == 1, headerExpires == 0, (contacts[0].expires ?? 0) == 0 else {
                return .failure(.badRequest("Invalid Use of Contact: *"))
            }
            plan.removesAll = true
            return .success(plan)
        }
        for var contact in contacts {
            // A malformed or negative parameter is ignored, as if absent.
            let parameter = contact.expires.flatMap { $0 >= 0 ? $0 : nil }
            var expires = parameter ?? headerExpires ?? configuration.defaultExpires
            if expires > 0 && expires < configuration.minimumExpires {
                return .failure(.intervalTooBrief(minimum: configuration.minimumExpires))
            }
            expires = min(expires, configuration.maximumExpires)
            // Changing the parameters copies the contact's storage: only when there is one to drop.
            if contact.parameters.contains("expires") { contact.parameters.remove("expires") }
            plan.changes.append(ContactChange(contact: contact, contactText: contact.headerText, expires: expires,
                                              q: contact.q ?? .one, instance: contact.instance, regID: contact.regID))
        }
        return .success(plan)
    }

    /// Step 7 on the bindings of one address-of-record, all or nothing: every change is
    /// checked against the Call-ID/CSeq of the binding it touches before any is made.
    func apply(to edit: inout LocationService.Edit, record: RegistrationRecord) -> Outcome {
        if removesAll {
            guard !edit.bindings.contains(where: { !$0.isStatic && record.isOlder(than: $0) }) else { return .outOfOrder }
            var i = edit.bindings.count - 1
            while i >= 0 {
                if !edit.bindings[i].isStatic { edit.remove(at: i) }
                i -= 1
            }
            return .applied
        }
        // Loops by index, here and in `binding(matching:in:)`: iterating `changes` or
        // searching with a closure copied every change and binding it looked at.
        for c in changes.indices {
            if let i = Self.binding(matching: changes[c], in: edit.bindings), record.isOlder(than: edit.bindings[i]) {
                return .outOfOrder
            }
        }
        for c in changes.indices {
            let index = Self.binding(matching: changes[c], in: edit.bindings)
            switch (index, changes[c].expires) {
            case (let i?, 0):
                edit.remove(at: i)
            case (let i?, _):
                edit.replace(at: i, with: record.stored(changes[c], registeredAt: edit.bindings[i].registeredAt))
            case (nil, 0):
                break  // removing what is not there
            case (nil, _):
                edit.add(record.stored(changes[c], registeredAt: record.now.uptimeNanoseconds))
            }
        }
        return .applied
    }

    /// The position of the stored binding `change` refers to, if any.
    private static func binding(matching change: ContactChange, in bindings: [StoredBinding]) -> Int? {
        var i = 0
        while i < bindings.count {
            if change.matches(bindings[i]) { return i }
            i += 1
        }
        return nil
    }
}

/// What a REGISTER contributes to each binding it writes.
struct RegistrationRecord {
    var callID: String
    var cseq: UInt32
    var pathText: String
    var userAgent: String
    var source: CompactSource?
    var now: NIODeadline

    init(request: SipMessage, source: SipSource?, now: NIODeadline) {
        callID = request[.callID] ?? ""
        cseq = request[.cSeq]?.sequence ?? 0
        pathText = request[.paths].map(\.headerText).joined(separator: ", ")
        userAgent = request[.userAgent] ?? ""
        self.source = source.flatMap(CompactSource.init)
        self.now = now
    }

    /// §10.3 step 7: same Call-ID and a CSeq not higher than the binding's.
    func isOlder(than stored: StoredBinding) -> Bool {
        stored.callID == callID && cseq <= stored.cseq
    }

    func stored(_ change: RegistrationPlan.ContactChange, registeredAt: UInt64) -> StoredBinding {
        StoredBinding(contactText: change.contactText,
                      expires: now.uptimeNanoseconds &+ UInt64(change.expires) * 1_000_000_000,
                      registeredAt: registeredAt, callID: callID, pathText: pathText, userAgent: userAgent,
                      cseq: cseq,
                      regID: change.regID.flatMap { Int32(exactly: $0) } ?? -1,
                      q: UInt16(change.q.thousandths), isStatic: false, source: source)
    }
}
