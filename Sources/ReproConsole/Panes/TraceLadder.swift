import ReproEngine

/// Lays a chain trace out as a vertical ladder of styled lines: the request, each chain with
/// each processor's decision, targets and time, each branch with its responses, then the final
/// response and why it won — the winning branch and the final line highlighted (role and glyph).
enum TraceLadder {
    static func lines(_ trace: ChainTrace, glyphs g: Glyphs) -> [StyledLine] {
        var lines: [StyledLine] = []
        let v = g.vertical
        let tee = g.teeRight + g.horizontal
        lines.append(StyledLine([StyledSpan(trace.method + " " + trace.requestURI, .title)]))
        lines.append(StyledLine("  Call-ID \(trace.callID)  From \(trace.from)", .dim))
        lines.append(StyledLine("  from \(trace.source) at \(TimeFormat.clock(milliseconds: trace.arrivedAt))", .dim))
        for chain in ChainKind.allCases {
            let steps = trace.steps.filter { $0.chain == chain }
            guard !steps.isEmpty else { continue }
            lines.append(StyledLine(v, .border))
            lines.append(StyledLine([StyledSpan(tee + " ", .border),
                                     StyledSpan("\(title(of: chain)) chain (\(chain.alias))", .ladderChain)]))
            let nameWidth = min(28, (steps.map { DisplayWidth.of($0.processor) }.max() ?? 0) + 1)
            for step in steps {
                lines.append(StyledLine([
                    StyledSpan(v + "   " + tee + " ", .border),
                    StyledSpan(DisplayWidth.fit(step.processor, to: nameWidth), .ladderProcessor),
                    StyledSpan(DisplayWidth.fit(step.result.rawValue, to: 16), role(of: step.result)),
                    StyledSpan(DisplayWidth.fit(duration(microseconds: step.elapsedMicroseconds), to: 9, ellipsis: ""),
                               .dim),
                ]))
                let indent = v + "   " + v + "     "
                for target in step.targetsAdded {
                    lines.append(StyledLine([StyledSpan(indent, .border), StyledSpan("+ target " + target, .ok)]))
                }
                if let response = step.response {
                    lines.append(StyledLine([StyledSpan(indent, .border),
                                             StyledSpan(g.arrow + " responded " + response, .warning)]))
                }
                if let note = step.note {
                    lines.append(StyledLine([StyledSpan(indent, .border), StyledSpan(note, .dim)]))
                }
            }
        }
        let winner = winningBranch(trace)
        if !trace.branches.isEmpty {
            lines.append(StyledLine(v, .border))
            lines.append(StyledLine([StyledSpan(tee + " ", .border),
                                     StyledSpan("branches (\(trace.branches.count))", .ladderChain)]))
        }
        for (i, branch) in trace.branches.enumerated() {
            let won = i == winner
            lines.append(StyledLine([
                StyledSpan(v + "   " + tee + " ", .border),
                StyledSpan((won ? g.winner + " " : "") + branch.target, won ? .ladderWinner : .ladderBranch),
                StyledSpan("  \(branch.transport) \(branch.destination)  \(branch.branchID)", .dim),
            ]))
            for response in branch.responses {
                let isFinal = won && response.code == trace.finalCode
                lines.append(StyledLine([
                    StyledSpan(v + "   " + v + "     ", .border),
                    StyledSpan(DisplayWidth.fit("+\(response.millisecondsAfterStart)ms", to: 9, ellipsis: ""), .dim),
                    StyledSpan("\(response.code) \(response.reason)",
                               isFinal ? .ladderWinner : (MessageLog.role(ofWhat: String(response.code)) ?? .normal)),
                    StyledSpan(isFinal ? " " + g.winner : ""),
                ]))
            }
            if let outcome = branch.outcome {
                lines.append(StyledLine([StyledSpan(v + "   " + v + "     ", .border),
                                         StyledSpan("ended: " + outcome, .dim)]))
            }
        }
        lines.append(StyledLine(v, .border))
        if let code = trace.finalCode {
            lines.append(StyledLine([
                StyledSpan(g.bottomLeft + g.horizontal + " ", .border),
                StyledSpan("final \(g.winner) \(code) \(trace.finalReason ?? "")", .ladderFinal),
            ]))
        } else {
            lines.append(StyledLine([StyledSpan(g.bottomLeft + g.horizontal + " ", .border),
                                     StyledSpan(trace.completed ? "no final response" : "in progress…", .dim)]))
        }
        if let why = trace.finalWhy {
            lines.append(StyledLine([StyledSpan("     why: ", .formLabel), StyledSpan(why, .ladderFinal)]))
        }
        return lines
    }

    /// The branch whose response became the final one: the last branch holding a response with the final code.
    static func winningBranch(_ trace: ChainTrace) -> Int? {
        guard let code = trace.finalCode else { return nil }
        return trace.branches.lastIndex { branch in branch.responses.contains { $0.code == code } }
    }

    static func title(of chain: ChainKind) -> String {
        switch chain {
        case .request: return "request"
        case .target: return "target"
        case .response: return "response"
        }
    }

    static func role(of result: ProcessorResult) -> ThemeRole {
        switch result {
        case .continue: return .ok
        case .waitingForEvent: return .dim
        case .skipThisChain: return .warning
        case .skipAllChains: return .warning
        }
    }

    /// `12µs`, `3.4ms`, `1.20s`.
    static func duration(microseconds: Int64) -> String {
        if microseconds < 1000 { return "\(microseconds)µs" }
        if microseconds < 1_000_000 {
            let tenths = microseconds / 100
            return "\(tenths / 10).\(tenths % 10)ms"
        }
        let hundredths = microseconds / 10_000
        return "\(hundredths / 100).\(TimeFormat.pad(Int(hundredths % 100)))s"
    }

    /// The cells of a row of the traces list.
    static func listCells(_ trace: ChainTrace) -> (cells: [TableCell], role: ThemeRole) {
        let final = trace.finalCode.map { "\($0) \(trace.finalReason ?? "")" } ?? (trace.completed ? "-" : "…")
        return ([
            TableCell(TimeFormat.clock(milliseconds: trace.arrivedAt)), TableCell(trace.method),
            TableCell(trace.requestURI), TableCell(trace.from), TableCell(trace.source),
            TableCell(final, trace.finalCode.flatMap { MessageLog.role(ofWhat: String($0)) }),
            TableCell("\(trace.steps.count)/\(trace.branches.count)"),
        ], .normal)
    }

    static let listColumns = [
        TableColumn("Time", 12), TableColumn("Method", 9), TableColumn("Request-URI", 26, flexible: true),
        TableColumn("From", 22, flexible: true), TableColumn("Source", 21), TableColumn("Final", 20),
        TableColumn("Steps/Br", 8),
    ]

    /// The text the filter searches (lower case).
    static func searchText(_ trace: ChainTrace) -> String {
        [trace.method, trace.requestURI, trace.callID, trace.from, trace.source,
         trace.finalCode.map(String.init) ?? "", trace.finalReason ?? ""].joined(separator: " ").lowercased()
    }
}
