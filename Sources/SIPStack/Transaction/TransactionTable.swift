import SIPCore

/// A shard's transactions by key, split over 64 dictionaries by the key's hash.
///
/// Under a UDP storm a shard holds every transaction waiting out Timer J: at 10,000
/// REGISTER/s per loop, over 300,000 of them. A single dictionary that grows past a power
/// of two moves every entry into new storage while the loop waits, and that showed as
/// response-time spikes of 40 to 90 ms each time the table doubled. Split 64 ways, each
/// growth moves a sixty-fourth of the entries, and a lookup is still one hash and one probe.
struct TransactionTable<Value> {
    private static var partCount: Int { 64 }
    private var parts = [[TransactionKey: Value]](repeating: [:], count: partCount)
    private(set) var count = 0

    /// The part of `key`: from the hash the key already holds (the part's dictionary then
    /// hashes it with its own seed, so the keys of one part still spread over its buckets).
    private func part(_ key: TransactionKey) -> Int { key.fieldsHash & (Self.partCount - 1) }

    subscript(key: TransactionKey) -> Value? {
        get { parts[part(key)][key] }
        set {
            let p = part(key)
            if let newValue {
                if parts[p].updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if parts[p].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }

    /// Every transaction, in no particular order.
    var values: [Value] { parts.flatMap(\.values) }
}
