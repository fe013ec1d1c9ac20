#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import SIPCore
import SIPStack

/// Measures what the location service costs per binding: fills a fresh service with
/// `bindings` realistic registrations (one per address-of-record, distinct strings, a UDP
/// source each) and reads the resident set size before and after. For `repro bench location`.
public enum LocationBenchmark {
    /// The figures of one run.
    public struct Result: Sendable {
        public var bindings: Int
        /// (RSS after − RSS before) / bindings; 0 where RSS cannot be read (not Linux).
        public var bytesPerBinding: Double
        public var residentBytesBefore: Int
        public var residentBytesAfter: Int
        /// Wall time to insert every binding, and lookups per second over all of them.
        public var fillSeconds: Double
        public var lookupsPerSecond: Double
        /// Bindings the lookups found again (equals `bindings` unless something is wrong).
        public var bindingsFound: Int
    }

    public static func measure(bindings count: Int) -> Result {
        let before = residentBytes()
        let service = LocationService()
        let now = NIODeadline.now()
        let local = try? SocketAddress(ipAddress: "192.0.2.1", port: 5060)
        let start = NIODeadline.now()
        for i in 0..<max(0, count) {
            let aor = "sip:user\(i)@example.com"
            let a = (i >> 16) & 0xff, b = (i >> 8) & 0xff, c = i & 0xff
            let host = "10.\(a).\(b).\(c)"
            let port = 5060 + i % 1000
            let contact = "<sip:user\(i)@\(host):\(port);transport=udp>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-\(String(i, radix: 16))>\""
            let remote = try? SocketAddress(ipAddress: host, port: port)
            let source = remote.flatMap { r in local.map { SipSource(transport: .udp, local: $0, remote: r) } }
            let stored = StoredBinding(
                contactText: contact, expires: now.uptimeNanoseconds + 3_600_000_000_000,
                registeredAt: now.uptimeNanoseconds, callID: "\(i)-5f3c1a9e8b7d6c5e4f3a2b1c@\(host)", pathText: "",
                userAgent: "Yealink SIP-T46S 66.86.0.\(i % 100)",
                cseq: UInt32(i % 1000), regID: 1, q: 1000, isStatic: false, source: source.flatMap(CompactSource.init))
            service.modify(aor: aor, now: now) { edit in edit.add(stored) }
        }
        let filled = NIODeadline.now()
        var found = 0
        for i in 0..<max(0, count) {
            found += service.lookup(aor: "sip:user\(i)@example.com", now: now).count
        }
        let looked = NIODeadline.now()
        let after = residentBytes()
        return withExtendedLifetime(service) {
            Result(bindings: count,
                   bytesPerBinding: count > 0 && before > 0 ? Double(after - before) / Double(count) : 0,
                   residentBytesBefore: before, residentBytesAfter: after,
                   fillSeconds: Double((filled - start).nanoseconds) / 1e9,
                   lookupsPerSecond: count > 0 ? Double(count) / (Double((looked - filled).nanoseconds) / 1e9) : 0,
                   bindingsFound: found)
        }
    }

    /// The resident set size from /proc/self/statm; 0 where there is none.
    static func residentBytes() -> Int {
        guard let f = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(f) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(f, "%ld %ld", $0) }
            }
        }) == 2 else { return 0 }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
