/// A binary min-heap of (deadline, address-of-record): the expiry schedule of one
/// location stripe. Entries are never updated in place; a superseded entry stays until
/// it surfaces and is then recognised as stale (see `LocationService.reap`).
struct DeadlineHeap: Sendable {
    struct Entry: Sendable {
        var deadline: UInt64
        var aor: String
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var minimum: UInt64? { entries.first?.deadline }

    mutating func push(_ deadline: UInt64, _ aor: String) {
        entries.append(Entry(deadline: deadline, aor: aor))
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard entries[i].deadline < entries[parent].deadline else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(_ now: UInt64) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var i = 0
        let n = entries.count
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var smallest = i
            if l < n, entries[l].deadline < entries[smallest].deadline { smallest = l }
            if r < n, entries[r].deadline < entries[smallest].deadline { smallest = r }
            if smallest == i { break }
            entries.swapAt(i, smallest)
            i = smallest
        }
        return first
    }
}
