import ReproStore
import Testing

@Suite("Default data directory")
struct DataDirectoryTests {
    @Test func reproDataDirWins() {
        #expect(DataDirectory.resolve(environment: ["REPRO_DATA_DIR": "/srv/repro", "XDG_DATA_HOME": "/x"],
                                      isRoot: true, home: "/root") == "/srv/repro")
    }

    @Test func rootUsesVarLib() {
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "/x"], isRoot: true, home: "/root")
            == "/var/lib/repro")
    }

    @Test func usersUseXdgDataHomeThenLocalShare() {
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "/x/data"], isRoot: false, home: "/home/a")
            == "/x/data/repro")
        #expect(DataDirectory.resolve(environment: ["XDG_DATA_HOME": "relative"], isRoot: false, home: "/home/a")
            == "/home/a/.local/share/repro")
        #expect(DataDirectory.resolve(environment: ["HOME": "/home/b"], isRoot: false, home: "/home/a")
            == "/home/b/.local/share/repro")
    }
}
