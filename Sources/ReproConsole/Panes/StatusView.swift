import ReproEngine

/// The status pane's content as styled lines (pure, tested without a terminal).
enum StatusView {
    static func lines(status: EngineStatus?, droppedEvents: UInt64, problems: [EngineEvent], logTail: [String],
                      connectionError: String?, glyphs: Glyphs) -> [StyledLine] {
        var lines: [StyledLine] = []
        func row(_ label: String, _ value: String, _ role: ThemeRole = .normal) {
            lines.append(StyledLine([StyledSpan("  " + DisplayWidth.fit(label, to: 24), .formLabel),
                                     StyledSpan(value, role)]))
        }
        if let connectionError {
            lines.append(StyledLine("\(glyphs.disabled) engine unreachable: \(connectionError)", .error))
        }
        guard let status else {
            lines.append(StyledLine("Waiting for the engine…", .dim))
            return lines
        }
        let c = status.counters
        lines.append(StyledLine("Engine", .title))
        row("Version", status.version)
        row("Uptime", TimeFormat.uptime(seconds: status.uptimeSeconds))
        row("Listening", status.transports.isEmpty ? "-" : status.transports.joined(separator: ", "))
        lines.append(StyledLine(""))
        lines.append(StyledLine("Traffic", .title))
        row("Requests/s", format(status.requestsPerSecond))
        row("Requests received", String(c.requestsReceived))
        row("Responses 1xx/2xx/3xx", "\(c.responsesSent1xx) / \(c.responsesSent2xx) / \(c.responsesSent3xx)")
        row("Responses 4xx/5xx/6xx", "\(c.responsesSent4xx) / \(c.responsesSent5xx) / \(c.responsesSent6xx)",
            c.responsesSent5xx + c.responsesSent6xx > 0 ? .warning : .normal)
        row("Active transactions", String(status.activeTransactions))
        row("Registrations", String(status.registrations))
        row("Auth failures", String(c.authFailures), c.authFailures > 0 ? .warning : .normal)
        row("Auth lockouts", String(c.authLockouts), c.authLockouts > 0 ? .warning : .normal)
        row("Messages dropped", String(c.messagesDropped), c.messagesDropped > 0 ? .warning : .normal)
        row("Console events missed", String(droppedEvents), droppedEvents > 0 ? .warning : .normal)
        lines.append(StyledLine(""))
        lines.append(StyledLine("Recent warnings and errors", .title))
        var problemLines = status.recentProblems
        problemLines += problems.map { TimeFormat.clock(milliseconds: $0.time) + " " + $0.summary }
        problemLines += logTail
        if problemLines.isEmpty {
            lines.append(StyledLine("  none", .dim))
        } else {
            for problem in problemLines.suffix(50) {
                let isError = problem.lowercased().contains("error") || problem.lowercased().contains("critical")
                lines.append(StyledLine("  " + (isError ? glyphs.disabled : glyphs.expiring) + " " + problem,
                                        isError ? .error : .warning))
            }
        }
        return lines
    }

    static func format(_ rate: Double) -> String {
        let tenths = Int((rate * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
