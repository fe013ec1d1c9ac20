import NIOCore
import SIPCore

extension RegistrationInfo {
    /// The registrations pane's view of a location-service binding at `now`.
    public init(_ b: Binding, now: NIODeadline) {
        let sourceAddress = b.source?.remote.ipAddress
        self.init(aor: b.aor, contact: b.contact.uri.description,
                  transport: b.source?.transport.rawValue ?? "",
                  source: b.source?.remote.compactDescription ?? "",
                  // A contact naming another address than the packets came from sits behind a NAT.
                  behindNAT: sourceAddress != nil && b.contact.uri.host.map { $0 != sourceAddress } ?? false,
                  expiresIn: b.isStatic ? nil : b.remainingSeconds(at: now), q: b.q.description,
                  userAgent: b.userAgent.isEmpty ? nil : b.userAgent, instance: b.instance, regID: b.regID,
                  callID: b.callID, cseq: b.cseq, path: b.path.map(\.description))
    }
}
