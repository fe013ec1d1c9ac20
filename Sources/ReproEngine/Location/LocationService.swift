import NIOCore
import SIPCore
import Synchronization

/// The location service (RFC 3261 §10, §16.5): the bindings of every address-of-record,
/// in memory, shared by the registrar (which writes them) and the proxy (which reads them).
///
/// Thread-safe: the address-of-record space is split into stripes, each behind its own
/// `Mutex`, so event loops that touch different addresses do not contend. No lock is held
/// across I/O or while events are delivered. Expired bindings stop being returned at once;
/// `reap(now:)` removes them and reports `.expired` events — the engine calls it
/// periodically (about once a second is plenty; it only looks at what is due).
public final class LocationService: Sendable {
    /// The bindings of one address-of-record and the deadline its expiry is scheduled at.
    struct Record: Sendable {
        var bindings: [StoredBinding]
        /// The deadline of this record's live entry in the stripe's heap; `.max` when none.
        var scheduled: UInt64 = .max
    }

    struct Stripe: Sendable {
        var records: [String: Record] = [:]
        var schedule = DeadlineHeap()
        var bindingCount = 0
        /// User-Agent strings shared by the stripe's bindings: a deployment has few phone
        /// models, so a million bindings hold a few hundred strings rather than a million.
        var userAgents: Set<String> = []
    }

    /// How many distinct User-Agent strings a stripe shares at most (bounds what a client
    /// inventing a new one per REGISTER can make it keep).
    private static let userAgentsPerStripe = 256

    final class StripeBox: Sendable {
        let state = Mutex(Stripe())
    }

    /// What happened to a stored binding, before it is turned into a public event.
    enum Change: Sendable {
        case added, refreshed, removed, expired
    }

    private let stripes: [StripeBox]
    /// Told of every change, in stored form: turning it into a `LocationEvent` (parsing
    /// the contact) is left to whoever reads it, so a registration storm does not pay for it.
    private let changeSink: (@Sendable (LocationChange) -> Void)?
    /// Entries a reaper pass handles per lock hold, so that a mass expiry never blocks a stripe long.
    private static let reapBatch = 1024

    /// Creates an empty service with `stripeCount` stripes (rounded up to a power of two).
    /// `eventSink` receives every change; it is called on the thread that made the change,
    /// outside any lock, and must not block.
    public convenience init(stripeCount: Int = 64, eventSink: (@Sendable (LocationEvent) -> Void)? = nil) {
        var changeSink: (@Sendable (LocationChange) -> Void)?
        if let eventSink {
            changeSink = { change in eventSink(change.event) }
        }
        self.init(stripeCount: stripeCount, changeSink: changeSink)
    }

    /// A service that reports changes in stored form (the event hub keeps them so).
    init(stripeCount: Int = 64, changeSink: (@Sendable (LocationChange) -> Void)?) {
        var n = 1
        while n < max(1, stripeCount) { n <<= 1 }
        stripes = (0..<n).map { _ in StripeBox() }
        self.changeSink = changeSink
    }

    private func stripe(for aor: String) -> StripeBox {
        stripes[aor.hashValue & (stripes.count - 1)]
    }

    // MARK: Reading

    /// The live bindings of `aor` (a key from `AddressOfRecord`), highest q first, then
    /// the most recently registered first.
    public func lookup(aor: String, now: NIODeadline) -> [Binding] {
        let t = now.uptimeNanoseconds
        let stored = stripe(for: aor).state.withLock { s in
            s.records[aor]?.bindings.filter { !$0.isLapsed(at: t) } ?? []
        }
        return LocationService.ordered(stored.map { $0.binding(aor: aor) })
    }

    /// The live bindings of the address-of-record of `uri`; empty for a URI that is not `sip`/`sips`.
    public func lookup(uri: URI, now: NIODeadline) -> [Binding] {
        guard let key = AddressOfRecord.key(for: uri) else { return [] }
        return lookup(aor: key, now: now)
    }

    /// Every live binding, ordered by address-of-record then as `lookup` orders them: for the
    /// console's registrations pane and the control API.
    public func snapshot(now: NIODeadline) -> [Binding] {
        let t = now.uptimeNanoseconds
        var all: [Binding] = []
        for box in stripes {
            let copied = box.state.withLock { s in
                s.records.map { (aor: $0.key, bindings: $0.value.bindings.filter { !$0.isLapsed(at: t) }) }
            }
            for (aor, bindings) in copied { all.append(contentsOf: bindings.map { $0.binding(aor: aor) }) }
        }
        all.sort { a, b in
            if a.aor != b.aor { return a.aor < b.aor }
            return LocationService.precedes(a, b)
        }
        return all
    }

    /// The number of addresses-of-record and of bindings held (lapsed bindings count
    /// until the reaper removes them).
    public var counts: (addressesOfRecord: Int, bindings: Int) {
        var aors = 0
        var bindings = 0
        for box in stripes {
            box.state.withLock { s in
                aors += s.records.count
                bindings += s.bindingCount
            }
        }
        return (aors, bindings)
    }

    // MARK: Administration

    /// Adds (or replaces, matched by contact URI) a static binding: it never expires and
    /// REGISTER requests neither change nor remove it.
    public func addStatic(aor: String, contact: NameAddr, q: QValue = .one, path: [NameAddr] = [],
                          now: NIODeadline) {
        let binding = Binding(aor: aor, contact: contact, expires: .distantFuture, q: q, path: path,
                              registeredAt: now, isStatic: true)
        modify(aor: aor, now: now) { edit in
            if let i = edit.bindings.firstIndex(where: { $0.isStatic && $0.contactURI == contact.uri }) {
                edit.replace(at: i, with: StoredBinding(binding: binding))
            } else {
                edit.add(StoredBinding(binding: binding))
            }
        }
    }

    /// Removes the binding of `aor` whose contact URI equals `contact` (RFC 3261 §19.1.4),
    /// static or not; returns whether there was one.
    @discardableResult
    public func remove(aor: String, contact: URI, now: NIODeadline) -> Bool {
        modify(aor: aor, now: now) { edit in
            guard let i = edit.bindings.firstIndex(where: { $0.contactURI == contact }) else { return false }
            edit.remove(at: i)
            return true
        }.result
    }

    /// Removes every binding of `aor`, static ones included; returns how many there were.
    @discardableResult
    public func removeAll(aor: String, now: NIODeadline) -> Int {
        modify(aor: aor, now: now) { edit in
            let n = edit.bindings.count
            while !edit.bindings.isEmpty { edit.remove(at: edit.bindings.count - 1) }
            return n
        }.result
    }

    // MARK: Expiry

    /// Removes every binding that has lapsed by `now`, reporting each as `.expired`;
    /// returns how many were removed. Only stripes with something due are touched.
    @discardableResult
    public func reap(now: NIODeadline) -> Int {
        let t = now.uptimeNanoseconds
        var removed = 0
        for box in stripes {
            while true {
                var expired: [(String, StoredBinding)] = []
                let more = box.state.withLock { s -> Bool in
                    var handled = 0
                    while handled < LocationService.reapBatch, let entry = s.schedule.popDue(t) {
                        handled += 1
                        LocationService.expire(entry, in: &s, at: t, into: &expired)
                    }
                    return handled == LocationService.reapBatch
                }
                removed += expired.count
                if let changeSink {
                    for (aor, b) in expired { changeSink(LocationChange(.expired, aor: aor, stored: b)) }
                }
                if !more { break }
            }
        }
        return removed
    }

    /// Handles one due heap entry: a stale one (superseded or for a removed record) is
    /// dropped; a live one removes the record's lapsed bindings and schedules the next.
    private static func expire(_ entry: DeadlineHeap.Entry, in s: inout Stripe, at t: UInt64,
                               into expired: inout [(String, StoredBinding)]) {
        guard var record = s.records[entry.aor], record.scheduled == entry.deadline else { return }
        var kept: [StoredBinding] = []
        for b in record.bindings {
            if b.isLapsed(at: t) { expired.append((entry.aor, b)) } else { kept.append(b) }
        }
        s.bindingCount -= record.bindings.count - kept.count
        if kept.isEmpty {
            s.records[entry.aor] = nil
            return
        }
        record.bindings = kept
        record.scheduled = .max
        schedule(&record, aor: entry.aor, heap: &s.schedule)
        s.records[entry.aor] = record
    }

    /// Pushes a heap entry for the record's earliest deadline when it is earlier than the
    /// one already scheduled (a later one is found when the earlier entry surfaces). This
    /// keeps about one entry per record however often it is refreshed.
    private static func schedule(_ record: inout Record, aor: String, heap: inout DeadlineHeap) {
        var earliest = UInt64.max
        for b in record.bindings where !b.isStatic { earliest = min(earliest, b.expires) }
        guard earliest < record.scheduled else { return }
        record.scheduled = earliest
        heap.push(earliest, aor)
    }

    /// The record's bindings, leaving it none: taken out of a record stored in a dictionary
    /// (through the dictionary's own accessor, in place), they are held once and change
    /// without being copied.
    private static func takeBindings(from record: inout Record) -> [StoredBinding] {
        let bindings = record.bindings
        record.bindings = []
        return bindings
    }

    /// Gives the record `bindings` and schedules its next expiry.
    private static func store(_ bindings: [StoredBinding], in record: inout Record, aor: String,
                              heap: inout DeadlineHeap) {
        record.bindings = bindings
        schedule(&record, aor: aor, heap: &heap)
    }

    // MARK: Changing one address-of-record

    /// The bindings of one address-of-record while its stripe is locked, with the changes
    /// made to them recorded for the event sink.
    struct Edit {
        private(set) var bindings: [StoredBinding]
        private(set) var changes: [(Change, StoredBinding)] = []

        init(bindings: [StoredBinding]) { self.bindings = bindings }

        mutating func add(_ b: StoredBinding) {
            bindings.append(b)
            changes.append((.added, b))
        }

        mutating func replace(at i: Int, with b: StoredBinding) {
            bindings[i] = b
            changes.append((.refreshed, b))
        }

        mutating func remove(at i: Int) {
            changes.append((.removed, bindings.remove(at: i)))
        }

        mutating func dropLapsed(at t: UInt64) {
            var i = 0
            while i < bindings.count {
                if bindings[i].isLapsed(at: t) { changes.append((.expired, bindings.remove(at: i))) } else { i += 1 }
            }
        }

        /// Has the bindings share the stripe's copy of their User-Agent text.
        fileprivate mutating func internUserAgents(in s: inout Stripe) {
            for i in bindings.indices { LocationService.intern(&bindings[i].userAgent, in: &s) }
        }
    }

    /// Runs `body` on the live bindings of `aor` under its stripe's lock and stores the result
    /// atomically: the registrar's read-modify-write of RFC 3261 §10.3 steps 6–7. Returns
    /// `body`'s result and the bindings afterwards. Events are delivered after the lock is released.
    @discardableResult
    func modify<R>(aor: String, now: NIODeadline, _ body: (inout Edit) -> R) -> (result: R, bindings: [StoredBinding]) {
        let t = now.uptimeNanoseconds
        let (result, final, changes) = stripe(for: aor).state.withLock { s in
            // The bindings are taken out of the stored record while they change, so that the
            // edit holds them once and changes them in place rather than copying them on the
            // first change. (Taking the whole record out of the table instead cost more: a
            // dictionary removal rehashes the keys that follow the removed one.)
            var edit = Edit(bindings: LocationService.takeBindings(from: &s.records[aor, default: Record(bindings: [])]))
            let before = edit.bindings.count
            edit.dropLapsed(at: t)
            let result = body(&edit)
            s.bindingCount += edit.bindings.count - before
            if edit.bindings.isEmpty {
                s.records[aor] = nil
            } else {
                edit.internUserAgents(in: &s)
                LocationService.store(edit.bindings, in: &s.records[aor, default: Record(bindings: [])], aor: aor,
                                      heap: &s.schedule)
            }
            return (result, edit.bindings, edit.changes)
        }
        if let changeSink {
            for (change, b) in changes { changeSink(LocationChange(change, aor: aor, stored: b)) }
        }
        return (result, final)
    }

    private static func intern(_ text: inout String, in s: inout Stripe) {
        if let shared = s.userAgents.firstIndex(of: text) {
            text = s.userAgents[shared]
        } else if s.userAgents.count < userAgentsPerStripe {
            s.userAgents.insert(text)
        }
    }

    // MARK: Order

    /// Whether `a` is tried before `b`: higher q first (RFC 3261 §16.6), then the newer registration.
    static func precedes(_ a: Binding, _ b: Binding) -> Bool {
        if a.q != b.q { return a.q > b.q }
        return a.registeredAt > b.registeredAt
    }

    static func ordered(_ bindings: [Binding]) -> [Binding] {
        bindings.sorted(by: precedes)
    }
}
