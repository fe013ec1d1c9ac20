import Foundation
import ReproEngine
import Testing
@testable import ReproConsole

func binding(_ n: Int, nat: Bool = false, expires: Int? = 3600, ua: String = "UA") -> RegistrationInfo {
    RegistrationInfo(aor: "sip:user\(n)@example.com", contact: "sip:user\(n)@10.0.0.\(n):5060", transport: "UDP",
                     source: "192.0.2.\(n):5060", behindNAT: nat, expiresIn: expires, q: "1.0", userAgent: ua,
                     instance: nil, regID: nil, callID: "c\(n)", cseq: 1, path: [])
}

@Suite struct RegistrationTableTests {
    @Test func filterMatchesAnyColumnIgnoringCase() {
        var table = RegistrationTable()
        table.filter = "ZOIPER"
        table.rebuild([binding(1, ua: "Linphone"), binding(2, ua: "Zoiper 5"), binding(3, ua: "zoiper 4")])
        #expect(table.order == [1, 2])
    }

    @Test func sortsByExpiryBothWays() {
        var table = RegistrationTable()
        table.sortKey = .expires
        let list = [binding(1, expires: 300), binding(2, expires: nil), binding(3, expires: 20)]
        table.rebuild(list)
        #expect(table.order == [2, 0, 1])
        table.ascending = false
        table.rebuild(list)
        #expect(table.order == [1, 0, 2])
    }

    @Test func expiryCountsDownFromTheFetch() {
        let b = binding(1, expires: 100)
        #expect(RegistrationTable.remaining(b, fetchedAt: 10, now: 40.5) == 70)
        #expect(RegistrationTable.remaining(b, fetchedAt: 10, now: 500) == 0)
        #expect(RegistrationTable.remaining(binding(1, expires: nil), fetchedAt: 0, now: 9) == nil)
    }

    @Test func natAndExpiringCarryAGlyphNotJustAColour() {
        let cells = RegistrationTable.cells(binding(1, nat: true), remaining: 30, glyphs: .ascii)
        #expect(cells[4] == TableCell("N", .nat))
        #expect(cells[5] == TableCell("30s!", .expiring))
        #expect(cells[3].role == .nat)
        let plain = RegistrationTable.cells(binding(2), remaining: 3000, glyphs: .ascii)
        #expect(plain[4].text.isEmpty)
        #expect(plain[5] == TableCell("50m00s"))
    }

    @Test func handlesAHundredThousandBindings() {
        let list = (0..<100_000).map { binding($0 % 250, expires: $0 % 3600) }
        var table = RegistrationTable()
        table.sortKey = .expires
        table.rebuild(list)
        #expect(table.order.count == 100_000)
        table.filter = "user7@"
        table.rebuild(list)
        #expect(table.order.count == 400)
    }
}

@Suite struct MessageLogTests {
    static func event(_ n: UInt64, what: String) -> EngineEvent {
        EngineEvent(sequence: n, time: 0, kind: .message, summary: what, direction: n % 2 == 0 ? "in" : "out",
                    transport: "UDP", peer: "192.0.2.1:5060", what: what, callID: "call-\(n)", cseq: "1 INVITE")
    }

    @Test func pauseFreezesTheRowsUntilResumed() {
        var ring = RingBuffer<EngineEvent>(capacity: 10)
        var log = MessageLog()
        ring.append(Self.event(1, what: "INVITE"))
        log.update(from: ring)
        log.paused = true
        ring.append(Self.event(2, what: "200 OK"))
        let changed = log.update(from: ring)
        #expect(!changed)
        #expect(log.rows.count == 1)
        log.paused = false
        log.update(from: ring)
        #expect(log.rows.count == 2)
    }

    @Test func filterSearchesCallIDAndStatus() {
        var ring = RingBuffer<EngineEvent>(capacity: 10)
        for n in UInt64(1)...5 { ring.append(Self.event(n, what: n == 3 ? "486 Busy Here" : "INVITE")) }
        var log = MessageLog()
        log.filter = "busy"
        log.update(from: ring)
        #expect(log.rows.map(\.sequence) == [3])
    }

    @Test func ringKeepsTheNewest() {
        var ring = RingBuffer<Int>(capacity: 3)
        for n in 1...5 { ring.append(n) }
        #expect(ring.elements == [3, 4, 5])
    }

    @Test func directionHasAGlyphAndStatusAClassRole() {
        let (cells, _) = MessageLog.cells(Self.event(2, what: "486 Busy Here"), glyphs: .ascii)
        #expect(cells[1] == TableCell("<in", .inbound))
        #expect(cells[4].role == .error)
    }

    @Test func rawMessageColoursStartLineHeaderNamesAndBody() {
        let lines = MessageLog.rawLines("INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 3\r\n\r\nv=0\r\n")
        #expect(lines[0] == StyledLine("INVITE sip:b@x SIP/2.0", .sipStartLine))
        #expect(lines[1].spans[0] == StyledSpan("Via", .sipHeaderName))
        #expect(lines[1].spans[1].text == ": SIP/2.0/UDP h")
        #expect(lines[4] == StyledLine("v=0", .sipBody))
    }
}

@Suite struct TraceLadderTests {
    static func trace(found: Bool) throws -> ChainTrace {
        try #require(DemoControlAPI.makeTrace(id: 7, time: 0, callee: found ? "bob" : "nobody", callID: "c",
                                              found: found))
    }

    @Test func ladderShowsEveryChainProcessorAndBranch() throws {
        let text = TraceLadder.lines(try Self.trace(found: true), glyphs: .ascii).map(\.plainText)
        #expect(text[0] == "INVITE sip:bob@example.com")
        #expect(text.contains { $0.contains("request chain (monkeys)") })
        #expect(text.contains { $0.contains("target chain (baboons)") })
        #expect(text.contains { $0.contains("LocationServer") && $0.contains("continue") && $0.contains("18us") == false })
        #expect(text.contains { $0.contains("+ target sip:bob@192.0.2.20:5062") })
        #expect(text.contains { $0.contains("branches (1)") })
        #expect(text.contains { $0.contains("180 Ringing") })
        #expect(text.contains { $0.contains("final * 200 OK") })
        #expect(text.last?.contains("why: best response") == true)
    }

    @Test func winningBranchAndFinalResponseAreHighlighted() throws {
        let lines = TraceLadder.lines(try Self.trace(found: true), glyphs: .ascii)
        let winner = try #require(lines.first { $0.plainText.contains("* sip:bob@192.0.2.20:5062") })
        #expect(winner.spans.contains { $0.role == .ladderWinner })
        let ok = try #require(lines.first { $0.plainText.contains("200 OK *") })
        #expect(ok.spans.contains { $0.role == .ladderWinner && $0.text == "200 OK" })
        #expect(lines.contains { line in line.spans.contains { $0.role == .ladderFinal } })
    }

    @Test func processorThatAnsweredShowsItsResponse() throws {
        let text = TraceLadder.lines(try Self.trace(found: false), glyphs: .ascii).map(\.plainText)
        #expect(text.contains { $0.contains("skipAllChains") })
        #expect(text.contains { $0.contains("-> responded 404 Not Found") })
        #expect(!text.contains { $0.contains("branches") })
    }

    @Test func durationsReadNaturally() {
        #expect(TraceLadder.duration(microseconds: 12) == "12µs")
        #expect(TraceLadder.duration(microseconds: 3456) == "3.4ms")
        #expect(TraceLadder.duration(microseconds: 1_200_000) == "1.20s")
    }
}

@Suite struct TableAndTextTests {
    @Test func flexibleColumnsShareTheRestAndNarrowScreensCut() {
        let columns = [TableColumn("a", 4), TableColumn("b", 10, flexible: true), TableColumn("c", 6)]
        #expect(TableView.widths(columns, total: 40) == [4, 28, 6])
        #expect(TableView.widths(columns, total: 12) == [4, 7, 0])
    }

    @Test func fitPadsClipsAndCountsWideCharacters() {
        #expect(DisplayWidth.fit("abc", to: 5) == "abc  ")
        #expect(DisplayWidth.fit("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.clip("日本語", to: 5).text == "日本")
    }

    @Test func onlyVisibleRowsAreAskedFor() {
        let canvas = TextCanvas(width: 40, height: 6)
        var asked: [Int] = []
        var cursor = ListCursor()
        cursor.selected = 50_000
        cursor.clamp(count: 100_000, visible: 5)
        TableView.draw(on: canvas, in: Rect(row: 0, col: 0, width: 40, height: 6), columns: [TableColumn("n", 10)],
                       count: 100_000, cursor: cursor) { i in
            asked.append(i)
            return ([TableCell(String(i))], .normal)
        }
        #expect(asked == Array(49_996...50_000))
        #expect(canvas.role(row: 5, col: 0) == .selected)
    }
}
