import ReproEngine

/// The messages pane's view-model: the log of message and transaction events, filtered,
/// frozen while paused, with rows and raw-message colouring.
struct MessageLog {
    static let columns = [
        TableColumn("Time", 12), TableColumn("Dir", 4), TableColumn("Tr", 4), TableColumn("Peer", 21),
        TableColumn("Method/Status", 18, flexible: true), TableColumn("Call-ID", 24, flexible: true),
        TableColumn("CSeq", 12), TableColumn("State", 12),
    ]

    var filter = "" {
        didSet { builtVersion = -1 }
    }
    /// While paused, the rows stay as they were; new events are still collected.
    var paused = false {
        didSet { if !paused { builtVersion = -1 } }
    }
    private(set) var rows: [EngineEvent] = []
    private var builtVersion = -1

    /// Re-reads `events` unless paused or unchanged; returns whether rows changed.
    @discardableResult
    mutating func update(from events: RingBuffer<EngineEvent>) -> Bool {
        guard !paused, builtVersion != events.version else { return false }
        builtVersion = events.version
        let needle = filter.lowercased()
        let all = events.elements
        rows = needle.isEmpty ? all : all.filter { Self.searchText($0).contains(needle) }
        return true
    }

    /// The text the filter searches (lower case).
    static func searchText(_ event: EngineEvent) -> String {
        [event.direction ?? "", event.transport ?? "", event.peer ?? "", event.what ?? "", event.callID ?? "",
         event.cseq ?? "", event.state ?? "", event.summary].joined(separator: " ").lowercased()
    }

    /// The cells of one row; direction carries a glyph as well as a colour.
    static func cells(_ event: EngineEvent, glyphs: Glyphs) -> (cells: [TableCell], role: ThemeRole) {
        let inbound = event.direction == "in"
        let direction: TableCell
        switch event.kind {
        case .message:
            direction = TableCell((inbound ? glyphs.inbound : glyphs.outbound) + (inbound ? "in" : "out"),
                                  inbound ? .inbound : .outbound)
        default:
            direction = TableCell("tx", .dim)
        }
        let what = event.what ?? event.summary
        return ([
            TableCell(TimeFormat.clock(milliseconds: event.time)), direction, TableCell(event.transport ?? ""),
            TableCell(event.peer ?? ""), TableCell(what, Self.role(ofWhat: what)), TableCell(event.callID ?? ""),
            TableCell(event.cseq ?? ""), TableCell(event.state ?? "", event.kind == .transaction ? .title : nil),
        ], .normal)
    }

    /// Responses by class: errors stand out (the text itself carries the code).
    static func role(ofWhat what: String) -> ThemeRole? {
        guard let first = what.first, first.isNumber else { return nil }
        switch first {
        case "1": return .dim
        case "2": return .ok
        case "3": return .warning
        default: return .error
        }
    }

    /// A raw SIP message as styled lines: start line, header names and body each in their role.
    static func rawLines(_ raw: String) -> [StyledLine] {
        var lines: [StyledLine] = []
        var inBody = false
        let split = raw.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in split.enumerated() {
            let text = String(line)
            if i == 0 {
                lines.append(StyledLine(text, .sipStartLine))
            } else if inBody {
                lines.append(StyledLine(text, .sipBody))
            } else if text.isEmpty {
                inBody = true
                lines.append(StyledLine(""))
            } else if let colon = text.firstIndex(of: ":") {
                lines.append(StyledLine([StyledSpan(String(text[..<colon]), .sipHeaderName),
                                         StyledSpan(String(text[colon...]))]))
            } else {
                lines.append(StyledLine(text))
            }
        }
        while let last = lines.last, last.plainText.isEmpty, lines.count > 1 { lines.removeLast() }
        return lines
    }
}

extension String {
    /// Line ends as `\n` only.
    func replacingCRLF() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars where scalar != "\r" { result.unicodeScalars.append(scalar) }
        return result
    }
}
