import Foundation
import Testing

/// End-to-end: `repro console --demo` in a real terminal (tmux), driven by keys.
@Suite(.serialized, .enabled(if: ConsoleTmux.available && FileManager.default.isExecutableFile(atPath: StoreCLI.binary)))
struct ConsoleDemoTests {
    @Test(.timeLimit(.minutes(1))) func startsOnRegistrationsWithHeaderAndFooter() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("sip:user0@example.com")
        // The footer is painted after the rows: wait for it rather than catch a half-drawn screen.
        let screen = try tmux.waitFor("? help")
        #expect(screen.contains("sip:user0@example.com"))
        #expect(screen.contains("[1 Registrations]"))
        #expect(screen.contains("40 registrations"))
        #expect(screen.contains("req/s"))
        #expect(screen.contains("? help"))
        #expect(screen.contains("⇄"))
    }

    @Test(.timeLimit(.minutes(1))) func numberKeysAndTabSwitchEveryPane() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("sip:user0@example.com")
        try tmux.send("2")
        try tmux.waitFor("[2 Messages]")
        try tmux.waitFor("INVITE")
        try tmux.send("3")
        try tmux.waitFor("sip:alice@example.com")
        try tmux.send("Enter")
        try tmux.waitFor("request chain (monkeys)")
        try tmux.send("Escape", "Tab")
        try tmux.waitFor("[4 Users]")
        try tmux.waitFor("Alice Liddell")
        try tmux.send("5")
        try tmux.waitFor("pstn.example.com")
        try tmux.send("6")
        try tmux.waitFor("Requests received")
    }

    @Test(.timeLimit(.minutes(1))) func helpOverlayListsKeys() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("sip:user0@example.com")
        try tmux.send("?")
        let help = try tmux.waitFor("Help: keys")
        #expect(help.contains("switch pane"))
        try tmux.send("Escape")
        try tmux.send("F1")
        try tmux.waitFor("Help: keys")
    }

    @Test(.timeLimit(.minutes(1))) func slashFiltersTheList() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("sip:user0@example.com")
        try tmux.send("/")
        try tmux.send("user17@", literal: true)
        try tmux.send("Enter")
        let screen = try tmux.waitFor("/user17@")
        #expect(screen.contains("sip:user17@example.com"))
        #expect(!screen.contains("sip:user16@example.com"))
    }

    @Test(.timeLimit(.minutes(1))) func resizeRelaysOutAndTooSmallShowsAMessage() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("User-Agent")
        try tmux.resize(width: 50, height: 10)
        try tmux.waitFor("Terminal too small")
        try tmux.resize(width: 80, height: 24)
        let screen = try tmux.waitFor("[1 Registrations]")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(!screen.contains("Terminal too small"))
    }

    @Test(.timeLimit(.minutes(1))) func addUserFormRejectsBadInputAndShowsStoreErrors() throws {
        let tmux = try ConsoleTmux(["console", "--demo"])
        defer { tmux.kill() }
        try tmux.waitFor("sip:user0@example.com")
        try tmux.send("4")
        try tmux.waitFor("alice")
        try tmux.send("a")
        try tmux.waitFor("Add user")
        try tmux.send("bad user", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("invalid character in user")
        try tmux.send("C-u")
        try tmux.send("alice", literal: true)
        try tmux.send("Tab", "Tab", "p", "Tab", "p", "Enter")
        try tmux.waitFor("user alice@example.com exists")
    }

    @Test(.timeLimit(.minutes(1))) func themesAndNoColorStart() throws {
        for (arguments, env) in [(["--theme", "light"], [:]), (["--theme", "high-contrast"], [:]),
                                 (["--theme", "mono"], [:]), ([], ["NO_COLOR": "1"]),
                                 ([], ["TERM": "xterm", "LANG": "C", "LC_ALL": "C"])] as [([String], [String: String])] {
            let tmux = try ConsoleTmux(["console", "--demo"] + arguments, environment: env)
            defer { tmux.kill() }
            let screen = try tmux.waitFor("sip:user0@example.com")
            #expect(screen.contains("[1 Registrations]"))
            if env["LANG"] == "C" { #expect(!screen.contains("│"), "non-UTF-8 locale draws ASCII") }
        }
    }

    @Test(.timeLimit(.minutes(1))) func unknownThemeFailsBeforeTakingTheTerminal() throws {
        let cli = try StoreCLI()
        defer { cli.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = ["console", "--demo", "--theme", "nosuchtheme"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("no theme named `nosuchtheme`"))
    }

    @Test(.timeLimit(.minutes(1))) func quitAndCtrlCRestoreTheTerminal() throws {
        for key in ["q", "C-c"] {
            let tmux = try ConsoleTmux(["console", "--demo"])
            defer { tmux.kill() }
            try tmux.waitFor("sip:user0@example.com")
            try tmux.send(key)
            #expect(try tmux.waitForExit())
            // Back on the normal screen: the console's header is gone.
            #expect(!(try tmux.screen()).contains("[1 Registrations]"))
        }
    }
}
