import Foundation
import ReproTestSupport
import Testing

/// End to end: the console on the real engine. `repro` (engine + console) runs in a fixed-size
/// tmux session on 127.0.0.1 with a temporary data directory and free ports; SIPp registers,
/// calls and answers through it; the test reads the screen with `capture-pane`.
///
/// Every process and tmux session a test starts is stopped when its suite instance goes away
/// (`deinit`, Swift Testing's tear-down), whatever the test's outcome.
@Suite(.serialized, .enabled(if: ConsoleTmux.available && SIPp.path != nil
                                && FileManager.default.isExecutableFile(atPath: StoreCLI.binary)))
final class ConsoleEngineTests {
    private var tearDowns: [() -> Void] = []

    deinit {
        for tearDown in tearDowns.reversed() { tearDown() }
    }

    // MARK: Registrations

    @Test(.timeLimit(.minutes(1))) func aSIPpRegistrationAppearsInTheRegistrationsPane() throws {
        let engine = try startEngine()
        let peers = try startPeers(engine)
        try engine.tmux.waitFor("No registrations.")
        let result = try peers.run(registerScenario(user: "bob"), transport: .udp)
        #expect(result.allSucceeded, "\(result.output)\nrepro: \(engine.log)")

        // The pane polls the bindings once a second.
        let screen = try engine.tmux.waitFor("console-e2e-phone", timeout: 5)
        let row = try #require(screen.split(separator: "\n").first { $0.contains("sip:bob@example.test") })
        #expect(row.contains("sip:bob@127.0.0.1:"))
        #expect(row.contains("UDP"))
        #expect(row.contains("1h00m") || row.contains("59m"), "an expiry counting down from 3600 s: \(row)")
        #expect(screen.contains("1 registrations"), "the header counts it")
    }

    // MARK: Messages

    @Test(.timeLimit(.minutes(1))) func theMessagesPaneShowsTheRequestAndItsResponseOneRowEach() throws {
        let engine = try startEngine()
        let peers = try startPeers(engine)
        let tmux = engine.tmux
        try tmux.send("2")
        try tmux.waitFor("[2 Messages]")
        let result = try peers.run(registerScenario(user: "erin"), transport: .udp)
        #expect(result.allSucceeded, "\(result.output)\nrepro: \(engine.log)")

        let screen = try tmux.waitFor("200 OK", timeout: 5)
        let rows = screen.split(separator: "\n")
        let request = try #require(rows.first { $0.contains("←in") && $0.contains("REGISTER") }, "\(screen)")
        let response = try #require(rows.first { $0.contains("→out") && $0.contains("200 OK") }, "\(screen)")
        for row in [request, response] {
            #expect(row.contains("UDP  127.0.0.1:"), "transport and peer: \(row)")
            #expect(row.contains("1 REGISTER"), "CSeq: \(row)")
            #expect(row.range(of: #"^\d\d:\d\d:\d\d\.\d\d\d "#, options: .regularExpression) != nil, "time: \(row)")
        }
        // The response's headers stay in its raw view, off the list.
        #expect(!screen.contains("Via: SIP/2.0/UDP"))
    }

    // MARK: Users

    @Test(.timeLimit(.minutes(1))) func aUserAddedThroughTheFormIsListedByTheStoreCommandWhileTheEngineRuns() throws {
        let engine = try startEngine()
        let tmux = engine.tmux
        try tmux.send("4")
        try tmux.waitFor("No users. Press a to add one.")
        try tmux.send("a")
        try tmux.waitFor("Add user")
        // The fields: user, domain, password twice, name, email (Ctrl-U clears the domain filled in).
        try type(tmux, "carol", "Tab", "C-u", "example.test", "Tab", "s3cret-pw", "Tab", "s3cret-pw", "Tab",
                 "Carol Kaye", "Tab", "carol@example.test", "Enter")
        // The form closes, "Saved" flashes, and the list (fetched again) shows the user.
        try tmux.waitFor("Saved", timeout: 5)
        let screen = try tmux.waitFor("carol@example.test", timeout: 5)
        #expect(!screen.contains("Add user"), "the form closed")
        let row = try #require(screen.split(separator: "\n").first { $0.hasPrefix("carol ") }, "\(screen)")
        #expect(row.contains("Carol Kaye") && row.contains("enabled"))

        // The engine keeps its Berkeley DB environment open; the command joins it (DB_REGISTER).
        let cli = try StoreCLI()
        defer { cli.remove() }
        let listed = try cli.run(["user", "list"], dataDir: engine.dataDirectory)
        #expect(listed.status == 0, "repro user list: \(listed.stderr)")
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix("carol@example.test") },
                                "\(listed.stdout)")
        #expect(line.contains("Carol Kaye"))
        #expect(line.contains("carol@example.test  "))
        #expect(try tmux.hasExited() == false, "the engine still runs")
    }

    // MARK: Traces

    @Test(.timeLimit(.minutes(1))) func aCallsChainTraceShowsTheProcessorsTheBranchAndTheFinal200() throws {
        let engine = try startEngine()
        let peers = try startPeers(engine)
        let phone = try peers.startPhone(CallScenarios.phone("bob", marker: peers.registeredMarker("bob").path,
                                                             answer: .answer()), transport: .udp)
        let caller = try peers.run(CallScenarios.call(), transport: .udp)
        #expect(caller.allSucceeded, "\(caller.output)\nrepro: \(engine.log)")
        #expect(phone.result().allSucceeded)

        let tmux = engine.tmux
        try tmux.send("3")
        try tmux.waitFor("INVITE", timeout: 5)
        // Keep only the INVITE (the list also holds its ACK and BYE); Enter opens the selected row.
        try tmux.send("/")
        try type(tmux, "invite", "Enter")
        try tmux.waitFor("/invite")
        try tmux.send("Enter")
        // The ladder is drawn top to bottom: wait for its last section, the final response,
        // or the screen may be read half drawn.
        _ = try tmux.waitFor("request chain (monkeys)")
        let ladder = try tmux.waitFor("final")
        #expect(ladder.contains("Trace "))
        #expect(ladder.contains("INVITE sip:bob@example.test"))
        for processor in ["AmIResponsible", "StaticRoute", "LocationServer"] {
            #expect(ladder.contains(processor), "the request chain's processors")
        }
        #expect(ladder.contains("+ target sip:bob@127.0.0.1:"), "LocationServer added bob's contact")
        #expect(ladder.contains("target chain (baboons)"))
        #expect(ladder.contains("branches (1)"))
        let lines = ladder.split(separator: "\n")
        let branch = try #require(lines.first { $0.contains("z9hG4bK") }, "the branch with its id: \(ladder)")
        #expect(branch.contains("UDP 127.0.0.1:"))
        #expect(ladder.contains("180 Ringing"))
        #expect(lines.contains { $0.contains("200 OK ★") }, "the winning response")
        let final = try #require(lines.first { $0.contains("final") }, "\(ladder)")
        #expect(final.contains("200 OK"), "\(ladder)")
    }

    // MARK: Themes and resizing

    @Test(.timeLimit(.minutes(1)), arguments: ["light", "mono"])
    func aThemeRendersHeaderAndFooterThroughAResize(_ theme: String) throws {
        let engine = try startEngine(["--theme", theme])
        let tmux = engine.tmux
        try expectHeaderAndFooter(try tmux.waitFor("No registrations."), engine, width: 140)
        let colours = Self.colourParameters(try tmux.screen(escapes: true))
        if theme == "mono" {
            #expect(colours.isEmpty, "mono draws with attributes only, found SGR \(colours)")
        } else {
            #expect(!colours.isEmpty, "\(theme) draws in colour")
        }

        try tmux.resize(width: 80, height: 24)
        try expectHeaderAndFooter(try waitForSize(tmux, width: 80, height: 24), engine, width: 80)
        try tmux.resize(width: 140, height: 45)
        try expectHeaderAndFooter(try waitForSize(tmux, width: 140, height: 45), engine, width: 140)
        #expect(try tmux.hasExited() == false)
    }

    // MARK: Attaching to repro serve

    @Test(.timeLimit(.minutes(1))) func quittingAnAttachedConsoleLeavesTheEngineRunning() throws {
        let server = try ReproServer(ReproServer.Setup())
        tearDowns.append { server.stop() }
        let header = "UDP \(server.address) TCP \(server.address)"

        let first = try startConsole(["console", "--attach", server.controlSocket])
        try first.waitFor(header)
        try first.send("q")
        #expect(try first.waitForExit(), "q quits an attached console at once")
        #expect(!(try first.screen()).contains(header), "and restores the terminal")
        #expect(server.isRunning, "the engine keeps running")

        // It still answers SIP and its control socket…
        let peers = try SIPpPeers(address: server.address)
        tearDowns.append { peers.stop() }
        let registered = try peers.run(registerScenario(user: "dave"), transport: .udp)
        #expect(registered.allSucceeded, "\(registered.output)\nrepro: \(server.log)")

        let second = try startConsole(["console", "--attach", server.controlSocket])
        try second.waitFor(header)
        try second.waitFor("sip:dave@example.test", timeout: 5)
    }

    @Test(.timeLimit(.minutes(1))) func quittingReproAsksFirstThenStopsTheEngine() throws {
        let engine = try startEngine()
        let tmux = engine.tmux
        try tmux.send("q")
        try tmux.waitFor("Quit repro? This stops the engine.")
        try tmux.send("n")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try tmux.hasExited() == false, "n keeps it running")
        #expect(!(try tmux.screen()).contains("Quit repro?"))
        try tmux.send("q")
        try tmux.waitFor("Quit repro? This stops the engine.")
        try tmux.send("y")
        #expect(try tmux.waitForExit(), "y stops the engine and the console")
        #expect(engine.log.contains("console closed: shutting down"))
        #expect(FreePort.isFree(engine.port), "the engine released its port")
    }

    // MARK: Helpers

    private func startEngine(_ arguments: [String] = []) throws -> TmuxEngine {
        let engine = try TmuxEngine(arguments)
        tearDowns.append { engine.stop() }
        return engine
    }

    private func startPeers(_ engine: TmuxEngine) throws -> SIPpPeers {
        let peers = try SIPpPeers(address: engine.address)
        tearDowns.append { peers.stop() }
        return peers
    }

    private func startConsole(_ arguments: [String]) throws -> ConsoleTmux {
        let tmux = try ConsoleTmux(arguments, width: 140, height: 45)
        tearDowns.append { tmux.kill() }
        return tmux
    }

    /// A REGISTER of `user` (no credentials: the engine runs with `--disable-auth`) with one
    /// Contact, Expires 3600 and the User-Agent `console-e2e-phone`, answered 200.
    private func registerScenario(user: String) -> SIPpScenario {
        var register = SIPpScenario("register-\(user)")
        var cseq = 1
        register.register(user: user, headers: [CallScenarios.contact(user), "Expires: 3600",
                                                "User-Agent: console-e2e-phone"],
                          credentials: nil, cseq: &cseq)
        return register
    }

    /// Sends each of `keys`: tmux key names (Tab, Enter) as keys, anything else as literal text.
    private func type(_ tmux: ConsoleTmux, _ keys: String...) throws {
        for key in keys {
            try tmux.send(key, literal: !["Tab", "Enter", "Escape", "C-u"].contains(key))
        }
    }

    /// Waits until the console has redrawn for `width`×`height`: as many lines, none wider, the header
    /// on top and the footer at the bottom. (Right after a shrink tmux shows the old screen's bottom.)
    private func waitForSize(_ tmux: ConsoleTmux, width: Int, height: Int) throws -> String {
        let deadline = Date().addingTimeInterval(5)
        var screen = ""
        while Date() < deadline {
            screen = try tmux.screen()
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= height, lines.allSatisfy({ $0.count <= width }), lines[0].hasPrefix(" repro"),
               lines[height - 1].contains("q quit") {
                return screen
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ConsoleTmux.Timeout(waitingFor: "a \(width)x\(height) screen", screen: screen)
    }

    private func expectHeaderAndFooter(_ screen: String, _ engine: TmuxEngine, width: Int,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let footer = try #require(lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty },
                                  sourceLocation: sourceLocation)
        #expect(lines[0].hasPrefix(" repro 0.1.0"), "header: \(lines[0])", sourceLocation: sourceLocation)
        #expect(lines[0].contains("UDP \(engine.address)"), sourceLocation: sourceLocation)
        #expect(lines[1].contains("[1 Registrations]"), "tabs: \(lines[1])", sourceLocation: sourceLocation)
        #expect(footer.contains("? help") && footer.contains("q quit"), "footer: \(footer)",
                sourceLocation: sourceLocation)
        #expect(lines.allSatisfy { $0.count <= width }, "\(screen)", sourceLocation: sourceLocation)
    }

    /// The colour parameters (30–38, 40–48, 90–97, 100–107) of the SGR sequences in `screen`.
    static func colourParameters(_ screen: String) -> Set<Int> {
        var found = Set<Int>()
        for sequence in screen.split(separator: "\u{1B}[").dropFirst() {
            guard let end = sequence.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" }),
                  sequence[end] == "m" else { continue }
            let parameters = sequence[..<end].split(separator: ";", omittingEmptySubsequences: false)
                .map { Int($0) ?? 0 }
            var i = 0
            while i < parameters.count {
                let parameter = parameters[i]
                if isColour(parameter) { found.insert(parameter) }
                // 38/48 are followed by the colour itself: 5;N or 2;R;G;B.
                if parameter == 38 || parameter == 48 {
                    i += parameters.indices.contains(i + 1) && parameters[i + 1] == 2 ? 4 : 2
                }
                i += 1
            }
        }
        return found
    }

    private static func isColour(_ parameter: Int) -> Bool {
        (30...38).contains(parameter) || (40...48).contains(parameter) || (90...97).contains(parameter)
            || (100...107).contains(parameter)
    }
}
