import ReproEngine
import Testing
@testable import ReproConsole

/// The whole console drawn on a text canvas, driven by keys, against the demo engine.
@Suite struct ConsoleSessionTests {
    static func session(ownsEngine: Bool = false) -> ConsoleSession {
        ConsoleSession(api: DemoControlAPI(registrationCount: 5), inbox: LockedBox([]), demand: LockedBox(PollDemand()),
                       ownsEngine: ownsEngine, connectionLabel: nil, glyphs: .unicode, clock: { 100 })
    }

    static func screen(_ session: ConsoleSession, width: Int = 100, height: Int = 30) -> TextCanvas {
        let canvas = TextCanvas(width: width, height: height)
        session.draw(on: canvas)
        return canvas
    }

    @Test func headerTabsAndFooterAreAlwaysOnScreen() {
        let session = Self.session()
        session.model.apply(.status(EngineStatus(version: "1.2", startedAt: 0, uptimeSeconds: 5,
                                                 transports: ["UDP 0.0.0.0:5060"], registrations: 3,
                                                 activeTransactions: 0, requestsPerSecond: 2.5,
                                                 counters: EngineCounters(), recentProblems: [])))
        let canvas = Self.screen(session)
        #expect(canvas.line(0).contains("repro 1.2"))
        #expect(canvas.line(0).contains("UDP 0.0.0.0:5060"))
        #expect(canvas.line(0).contains("3 registrations"))
        #expect(canvas.line(0).contains("2.5 req/s"))
        #expect(canvas.line(1).contains("[1 Registrations]"))
        #expect(canvas.line(29).contains("? help"))
    }

    @Test func numberKeysAndTabSwitchPanes() {
        let session = Self.session()
        session.handle(.char("4"))
        #expect(session.active == .users)
        session.handle(.tab)
        #expect(session.active == .routes)
        session.handle(.tab)
        session.handle(.tab)
        #expect(session.active == .registrations)
        session.handle(.backTab)
        #expect(session.active == .status)
        #expect(Self.screen(session).line(1).contains("[6 Status]"))
    }

    @Test func slashFiltersTheActiveList() {
        let session = Self.session()
        session.model.apply(.registrations([binding(1), binding(2, ua: "Zoiper")], fetchedAt: 100))
        session.handle(.char("/"))
        for c in "zoip" { session.handle(.char(c)) }
        session.handle(.enter)
        let text = Self.screen(session).lines.joined(separator: "\n")
        #expect(text.contains("sip:user2@example.com"))
        #expect(!text.contains("sip:user1@example.com"))
        #expect(text.contains("/zoip"))
        session.handle(.escape)
        #expect(Self.screen(session).lines.joined().contains("sip:user1@example.com"))
    }

    @Test func helpListsGlobalAndPaneKeys() {
        let session = Self.session()
        session.handle(.char("?"))
        var text = Self.screen(session, height: 60).lines.joined(separator: "\n")
        #expect(text.contains("Help: keys"))
        #expect(text.contains("switch pane"))
        session.handle(.escape)
        session.handle(.function(1))
        text = Self.screen(session, height: 60).lines.joined(separator: "\n")
        #expect(text.contains("Help: keys"))
    }

    @Test func quitAsksFirstOnlyWhenItStopsTheEngine() {
        let attached = Self.session(ownsEngine: false)
        attached.handle(.char("q"))
        #expect(attached.quitRequested)

        let owner = Self.session(ownsEngine: true)
        owner.handle(.char("q"))
        #expect(!owner.quitRequested)
        #expect(Self.screen(owner).lines.joined().contains("This stops the engine"))
        owner.handle(.char("n"))
        #expect(!owner.quitRequested)
        owner.handle(.char("q"))
        owner.handle(.char("y"))
        #expect(owner.quitRequested)
    }

    @Test func tooSmallTerminalGetsAMessage() {
        let canvas = Self.screen(Self.session(), width: 40, height: 8)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("Terminal too small"))
        #expect(!text.contains("Registrations"))
    }

    @Test func storeErrorsReachTheFormInsteadOfBeingSwallowed() async throws {
        let inbox = LockedBox<[ConsoleUpdate]>([])
        let session = ConsoleSession(api: DemoControlAPI(registrationCount: 0), inbox: inbox,
                                     demand: LockedBox(PollDemand()), ownsEngine: false, connectionLabel: nil,
                                     glyphs: .unicode, clock: { 100 })
        session.handle(.char("4"))
        session.handle(.char("a"))
        for c in "alice" { session.handle(.char(c)) }
        session.handle(.tab)
        for c in "example.com" { session.handle(.char(c)) }
        session.handle(.tab)
        session.handle(.char("p"))
        session.handle(.tab)
        session.handle(.char("p"))
        session.handle(.enter)
        for _ in 0..<200 where inbox.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        session.drainInbox()
        #expect(Self.screen(session).lines.joined().contains("user alice@example.com exists"))
    }
}
