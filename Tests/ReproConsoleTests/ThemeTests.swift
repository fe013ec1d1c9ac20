import Foundation
import Testing
@testable import ReproConsole

@Suite struct ThemeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let themesDir = root.appendingPathComponent("Themes").path

    @Test func colourSpecsParseNamesIndicesAndHex() {
        #expect(ThemeColor(parsing: "red") == .index(1))
        #expect(ThemeColor(parsing: "Bright-White") == .index(15))
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "208") == .index(208))
        #expect(ThemeColor(parsing: "#FF8000") == .rgb(255, 128, 0))
        #expect(ThemeColor(parsing: "256") == nil)
        #expect(ThemeColor(parsing: "#12345") == nil)
        #expect(ThemeColor(parsing: "chartreuse") == nil)
    }

    @Test func exactColoursMapToThemselvesOn256ColourTerminals() {
        #expect(ThemeColor.index(208).resolve(colorCount: 256) == 208)
        #expect(ThemeColor.rgb(0x5f, 0x87, 0xaf).resolve(colorCount: 256) == 67)
        #expect(ThemeColor.rgb(0x30, 0x30, 0x30).resolve(colorCount: 256) == 236)
    }

    @Test func coloursMapToTheNearestOfEightOrSixteen() {
        #expect(ThemeColor.rgb(250, 10, 10).resolve(colorCount: 8) == 1)
        #expect(ThemeColor.rgb(250, 10, 10).resolve(colorCount: 16) == 9)
        #expect(ThemeColor.index(196).resolve(colorCount: 8) == 1)
        #expect(ThemeColor.rgb(0x1c, 0x1c, 0x1c).resolve(colorCount: 8) == 0)
        #expect(ThemeColor.terminalDefault.resolve(colorCount: 8) == -1)
    }

    @Test func foregroundFlipsWhenItCollapsesOntoTheBackground() {
        let style = ThemeStyle(foreground: .rgb(0x30, 0x30, 0x30), background: .index(0))
        let (fg, bg) = style.resolvedColors(colorCount: 8)
        #expect(bg == 0)
        #expect(fg == 7)
    }

    @Test func parserReadsColoursAttributesAndComments() throws {
        let theme = try ThemeParser.parse("""
            # comment
            name = mine
            selected = black on #00ffff bold underline   # trailing comment
            error = bold
            """, fallbackName: "x")
        #expect(theme.name == "mine")
        #expect(theme.usesColor)
        #expect(theme.style(.selected) == ThemeStyle(foreground: .index(0), background: .rgb(0, 255, 255),
                                                     attributes: [.bold, .underline]))
        #expect(theme.style(.error) == ThemeStyle(attributes: .bold))
        #expect(theme.style(.header).attributes == .reverse)
    }

    @Test func parserReportsTheBadLine() {
        #expect(throws: ThemeParser.ParseError(line: 2, message: "unknown colour `purple`")) {
            try ThemeParser.parse("normal = default\nheader = purple", fallbackName: "x")
        }
        #expect(throws: ThemeParser.ParseError(line: 1, message: "unknown role `nope`")) {
            try ThemeParser.parse("nope = red", fallbackName: "x")
        }
    }

    @Test func everyShippedThemeParsesAndSetsEveryRole() throws {
        for name in ["default", "light", "high-contrast", "mono"] {
            let text = try String(contentsOfFile: Self.themesDir + "/\(name).theme", encoding: .utf8)
            let theme = try ThemeParser.parse(text, fallbackName: name)
            #expect(theme.name == name)
            for role in ThemeRole.allCases {
                #expect(text.contains("\n\(role.rawValue) "), "\(name) lacks \(role.rawValue)")
            }
            #expect(theme.usesColor == (name != "mono"))
        }
    }

    @Test func builtInCopiesMatchTheFiles() throws {
        for (name, text) in BuiltinThemes.all {
            let file = try String(contentsOfFile: Self.themesDir + "/\(name).theme", encoding: .utf8)
            #expect(file.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines))
        }
    }

    @Test func loaderFindsThePackageThemesFromTheExecutable() throws {
        let loader = ThemeLoader(environment: [:], executablePath: Self.root.path + "/.build/debug/repro")
        #expect(loader.packageThemesDirectory() == Self.themesDir)
        #expect(try loader.load("light").name == "light")
        #expect(loader.availableThemes().contains("high-contrast"))
    }

    @Test func loaderPrefersReproThemesDirThenUserThemes() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try FileManager.default.createDirectory(atPath: tmp + "/env", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp + "/xdg/repro/themes", withIntermediateDirectories: true)
        try "name = from-env\nnormal = red".write(toFile: tmp + "/env/light.theme", atomically: true, encoding: .utf8)
        try "name = mine\nnormal = blue".write(toFile: tmp + "/xdg/repro/themes/mine.theme", atomically: true,
                                              encoding: .utf8)
        let loader = ThemeLoader(environment: ["REPRO_THEMES_DIR": tmp + "/env", "XDG_CONFIG_HOME": tmp + "/xdg"],
                                 executablePath: Self.root.path + "/.build/debug/repro")
        #expect(try loader.load("light").name == "from-env")
        #expect(try loader.load("mine").name == "mine")
        #expect(try loader.load(tmp + "/xdg/repro/themes/mine.theme").name == "mine")
    }

    @Test func loaderFallsBackToBuiltInDefaultAndMono() throws {
        let loader = ThemeLoader(environment: [:], executablePath: "/nonexistent/bin/repro")
        #expect(try loader.load(nil).name == "default")
        #expect(try loader.load("mono").usesColor == false)
        #expect(throws: ThemeLoader.LoadError.self) { try loader.load("light") }
    }

    @Test func noColorGivesMonoButKeepsAttributes() throws {
        let loader = ThemeLoader(environment: ["NO_COLOR": "1"], executablePath: "/nonexistent/bin/repro")
        let theme = try loader.load("default")
        #expect(!theme.usesColor)
        #expect(theme.style(.selected) == ThemeStyle(attributes: .bold))
        #expect(theme.style(.header).foreground == .terminalDefault)
    }
}
