import ReproEngine

/// The registrations pane's view-model: filtering, sorting and formatting bindings.
/// Pure, so it is tested without a terminal; `rebuild` runs only when the data, filter
/// or sort changes, never per frame.
struct RegistrationTable {
    /// What the table can be sorted by (the `s` key cycles through these).
    enum SortKey: Int, CaseIterable {
        case aor, contact, transport, source, expires, q, userAgent

        /// The column the key sorts.
        var column: Int {
            switch self {
            case .aor: return 0
            case .contact: return 1
            case .transport: return 2
            case .source: return 3
            case .expires: return 5
            case .q: return 6
            case .userAgent: return 7
            }
        }
    }

    static let columns = [
        TableColumn("AOR", 22, flexible: true), TableColumn("Contact", 26, flexible: true), TableColumn("Tr", 4),
        TableColumn("Source", 21), TableColumn("NAT", 3), TableColumn("Expires", 7), TableColumn("q", 4),
        TableColumn("User-Agent", 14, flexible: true), TableColumn("Instance", 12), TableColumn("reg-id", 6),
    ]
    /// Bindings with less than this many seconds left are marked as expiring.
    static let expiringThreshold = 60

    var sortKey = SortKey.aor
    var ascending = true
    var filter = ""
    /// Indices into the bindings, filtered and sorted.
    private(set) var order: [Int] = []

    /// Recomputes `order` for `bindings`.
    mutating func rebuild(_ bindings: [RegistrationInfo]) {
        let needle = filter.lowercased()
        var indices = needle.isEmpty
            ? Array(bindings.indices)
            : bindings.indices.filter { Self.searchText(bindings[$0]).contains(needle) }
        let key = sortKey
        indices.sort { a, b in
            let ordered = Self.compare(bindings[a], bindings[b], by: key)
            if ordered == 0 { return a < b }
            return ascending ? ordered < 0 : ordered > 0
        }
        order = indices
    }

    /// -1, 0, 1 as `a` sorts before, with or after `b`.
    static func compare(_ a: RegistrationInfo, _ b: RegistrationInfo, by key: SortKey) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch key {
        case .aor: return cmp(a.aor, b.aor)
        case .contact: return cmp(a.contact, b.contact)
        case .transport: return cmp(a.transport, b.transport)
        case .source: return cmp(a.source, b.source)
        case .expires: return cmp(a.expiresIn ?? Int.max, b.expiresIn ?? Int.max)
        case .q: return cmp(Double(a.q) ?? 1, Double(b.q) ?? 1)
        case .userAgent: return cmp(a.userAgent ?? "", b.userAgent ?? "")
        }
    }

    /// The text the filter searches (lower case).
    static func searchText(_ binding: RegistrationInfo) -> String {
        [binding.aor, binding.contact, binding.transport, binding.source, binding.userAgent ?? "",
         binding.instance ?? "", binding.behindNAT ? "nat" : ""].joined(separator: " ").lowercased()
    }

    /// Seconds left now, counting down from the fetch; nil for a static binding.
    static func remaining(_ binding: RegistrationInfo, fetchedAt: Double, now: Double) -> Int? {
        guard let expires = binding.expiresIn else { return nil }
        return max(0, expires - Int(now - fetchedAt))
    }

    /// The cells of one row.
    static func cells(_ binding: RegistrationInfo, remaining: Int?, glyphs: Glyphs) -> [TableCell] {
        let expiry: TableCell
        if let remaining {
            let expiring = remaining < expiringThreshold
            expiry = TableCell(TimeFormat.remaining(seconds: remaining) + (expiring ? glyphs.expiring : ""),
                               expiring ? .expiring : nil)
        } else {
            expiry = TableCell("static", .dim)
        }
        return [
            TableCell(binding.aor), TableCell(binding.contact), TableCell(binding.transport),
            TableCell(binding.source, binding.behindNAT ? .nat : nil),
            binding.behindNAT ? TableCell(glyphs.nat, .nat) : TableCell(""),
            expiry, TableCell(binding.q), TableCell(binding.userAgent ?? ""), TableCell(binding.instance ?? ""),
            TableCell(binding.regID.map(String.init) ?? ""),
        ]
    }

    /// Every field of a binding, for the details view.
    static func details(_ binding: RegistrationInfo, remaining: Int?) -> [StyledLine] {
        func row(_ label: String, _ value: String, _ role: ThemeRole = .normal) -> StyledLine {
            StyledLine([StyledSpan(DisplayWidth.fit(label, to: 12), .formLabel), StyledSpan(value, role)])
        }
        var lines = [
            row("AOR", binding.aor, .title), row("Contact", binding.contact), row("Transport", binding.transport),
            row("Source", binding.source + (binding.behindNAT ? "  (NAT: differs from the contact host)" : ""),
                binding.behindNAT ? .nat : .normal),
            row("Expires", remaining.map { "\($0)s left" } ?? "static"), row("q", binding.q),
            row("User-Agent", binding.userAgent ?? "-"), row("Instance", binding.instance ?? "-"),
            row("reg-id", binding.regID.map(String.init) ?? "-"), row("Call-ID", binding.callID),
            row("CSeq", String(binding.cseq)),
        ]
        if binding.path.isEmpty {
            lines.append(row("Path", "-"))
        } else {
            for (i, hop) in binding.path.enumerated() { lines.append(row(i == 0 ? "Path" : "", hop)) }
        }
        return lines
    }
}
