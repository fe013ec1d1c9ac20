import Testing
@testable import ReproConsole

/// What the terminal does to text before ncurses sees it.
struct TerminalTextTests {
    @Test func controlCharactersAreReplacedSoTheyCannotMoveTheCursor() {
        #expect(Terminal.withoutControls("200 OK\r\nVia: x") == "200 OK??Via: x")
        #expect(Terminal.withoutControls("a\tb\u{1B}[2Jc\u{7F}\u{85}") == "a b?[2Jc??")
    }

    @Test func printableTextIsKeptAsItIs() {
        let text = "sip:bob@example.test ← 200 OK ★ Zoë 漢字"
        #expect(Terminal.withoutControls(text) == text)
    }
}
