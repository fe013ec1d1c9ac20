import Foundation

/// Finds and reads console themes.
///
/// `--theme` takes a name or a path. A name is looked up, first match wins, in
/// 1. `$REPRO_THEMES_DIR`,
/// 2. `$XDG_CONFIG_HOME/repro/themes` (default `~/.config/repro/themes`),
/// 3. the first `Themes/` directory found walking up from the executable (the package's own),
/// 4. the copies of `default` and `mono` built into the binary.
/// `NO_COLOR` (set and non-empty) turns any theme into its monochrome form.
public struct ThemeLoader: Sendable {
    /// A theme that could not be found or read.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The environment to read (`REPRO_THEMES_DIR`, `XDG_CONFIG_HOME`, `HOME`, `NO_COLOR`).
    public var environment: [String: String]
    /// The running executable's path, for finding the package's `Themes/`.
    public var executablePath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = ThemeLoader.currentExecutablePath()) {
        self.environment = environment
        self.executablePath = executablePath
    }

    /// The directories searched for `NAME.theme`, in order.
    public var searchDirectories: [String] {
        var dirs: [String] = []
        if let dir = environment["REPRO_THEMES_DIR"], !dir.isEmpty { dirs.append(dir) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(xdg + "/repro/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(home + "/.config/repro/themes")
        }
        if let packageDir = packageThemesDirectory() { dirs.append(packageDir) }
        return dirs
    }

    /// Loads `nameOrPath` (nil for `default`), applying `NO_COLOR`.
    public func load(_ nameOrPath: String?) throws -> Theme {
        let theme = try loadIgnoringNoColor(nameOrPath ?? "default")
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return theme.withoutColor() }
        return theme
    }

    func loadIgnoringNoColor(_ nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try parseFile(nameOrPath, fallbackName: Self.themeName(ofPath: nameOrPath))
        }
        for dir in searchDirectories {
            let path = dir + "/" + nameOrPath + ".theme"
            if FileManager.default.isReadableFile(atPath: path) {
                return try parseFile(path, fallbackName: nameOrPath)
            }
        }
        if let text = BuiltinThemes.all[nameOrPath] {
            return try parse(text, fallbackName: nameOrPath, origin: "built-in \(nameOrPath)")
        }
        throw LoadError(description: "no theme named `\(nameOrPath)`; available: "
            + availableThemes().joined(separator: ", "))
    }

    /// Every theme name found in the search directories or built in, sorted.
    public func availableThemes() -> [String] {
        var names = Set(BuiltinThemes.all.keys)
        for dir in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files where file.hasSuffix(".theme") {
                names.insert(String(file.dropLast(".theme".count)))
            }
        }
        return names.sorted()
    }

    /// The nearest `Themes/` directory holding `.theme` files above the executable, if any.
    public func packageThemesDirectory() -> String? {
        guard let executablePath else { return nil }
        var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" && !url.path.isEmpty {
            let candidate = url.appendingPathComponent("Themes").path
            if let files = try? FileManager.default.contentsOfDirectory(atPath: candidate),
               files.contains(where: { $0.hasSuffix(".theme") }) {
                return candidate
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    private func parseFile(_ path: String, fallbackName: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw LoadError(description: "cannot read theme file \(path)") }
        return try parse(text, fallbackName: fallbackName, origin: path)
    }

    private func parse(_ text: String, fallbackName: String, origin: String) throws -> Theme {
        do {
            return try ThemeParser.parse(text, fallbackName: fallbackName)
        } catch {
            throw LoadError(description: "\(origin): \(error)")
        }
    }

    static func themeName(ofPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".theme") ? String(file.dropLast(".theme".count)) : file
    }

    /// This process's executable (`/proc/self/exe` on Linux, else argv[0]).
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }
}
