import ReproEngine

/// The console's state on the UI thread: the panes, which one is shown, the header, footer,
/// filter bar, help overlay and confirmations. It draws on any `Canvas` and takes `Key`s,
/// so it runs the same on the terminal and in tests.
final class ConsoleSession: PaneContext {
    /// The smallest terminal the console lays out; smaller gets a message instead.
    static let minimumWidth = 60
    static let minimumHeight = 12

    let model = ConsoleModel()
    let ownsEngine: Bool
    let connectionLabel: String?
    private(set) var glyphs: Glyphs
    private(set) var panes: [any Pane] = [RegistrationsPane(), MessagesPane(), TracesPane(), UsersPane(),
                                          RoutesPane(), StatusPane()]
    private(set) var active = PaneID.registrations
    /// Set when the console should end.
    private(set) var quitRequested = false

    private let api: any ControlAPI
    private let inbox: LockedBox<[ConsoleUpdate]>
    private let demand: LockedBox<PollDemand>
    private let clock: () -> Double
    private var help: TextViewer?
    private var question: (text: String, action: () -> Void)?
    private var filterEditing = false
    private var flashMessage: (text: String, isError: Bool, until: Double)?
    private var pending: [Int: (Result<any Sendable, ControlError>) -> Void] = [:]
    private var nextToken = 0
    private var laidOut = (width: -1, height: -1)

    init(api: any ControlAPI, inbox: LockedBox<[ConsoleUpdate]>, demand: LockedBox<PollDemand>,
         ownsEngine: Bool, connectionLabel: String?, glyphs: Glyphs, clock: @escaping () -> Double = MonotonicClock.now) {
        self.api = api
        self.inbox = inbox
        self.demand = demand
        self.ownsEngine = ownsEngine
        self.connectionLabel = connectionLabel
        self.glyphs = glyphs
        self.clock = clock
    }

    var now: Double { clock() }

    var activePane: any Pane { panes[active.rawValue - 1] }

    // MARK: PaneContext

    func perform<T: Sendable>(_ operation: @escaping @Sendable (any ControlAPI) async throws -> T,
                              then: @escaping (Result<T, ControlError>) -> Void) {
        nextToken += 1
        let token = nextToken
        pending[token] = { result in
            switch result {
            case .success(let value as T): then(.success(value))
            case .success: then(.failure(ControlError("unexpected reply type")))
            case .failure(let error): then(.failure(error))
            }
        }
        let api = self.api, inbox = self.inbox
        Task.detached {
            let result: Result<any Sendable, ControlError>
            do {
                result = .success(try await operation(api))
            } catch let error as ControlError {
                result = .failure(error)
            } catch {
                result = .failure(ControlError(String(describing: error)))
            }
            inbox.withLock { $0.append(.commandFinished(token: token, result: result)) }
        }
    }

    func confirm(_ question: String, action: @escaping () -> Void) {
        self.question = (question, action)
    }

    func flash(_ message: String, isError: Bool) {
        flashMessage = (message, isError, now + (isError ? 8 : 4))
    }

    func requestRefresh(users: Bool, routes: Bool) {
        demand.withLock {
            if users { $0.wantsUsers = true }
            if routes { $0.wantsRoutes = true }
        }
    }

    // MARK: Updates

    /// Applies what the poller and commands delivered; returns whether anything arrived.
    @discardableResult
    func drainInbox() -> Bool {
        let updates = inbox.withLock { box -> [ConsoleUpdate] in
            defer { box.removeAll(keepingCapacity: true) }
            return box
        }
        for update in updates {
            if case .commandFinished(let token, let result) = update {
                pending.removeValue(forKey: token)?(result)
            } else {
                model.apply(update)
            }
        }
        return !updates.isEmpty
    }

    // MARK: Keys

    /// Handles one key press.
    func handle(_ key: Key) {
        if key == .ctrl("c") {
            quitRequested = true
            return
        }
        if let question {
            switch key {
            case .char("y"), .char("Y"):
                self.question = nil
                question.action()
            case .char("n"), .char("N"), .escape, .char("q"):
                self.question = nil
            default: break
            }
            return
        }
        if let help {
            if key == .char("?") || key == .function(1) || !help.handleKey(key) { self.help = nil }
            return
        }
        if filterEditing {
            editFilter(key)
            return
        }
        if key == .function(1) {
            openHelp()
            return
        }
        if activePane.capturesInput {
            _ = activePane.handleKey(key, context: self)
            return
        }
        if handleGlobal(key) { return }
        _ = activePane.handleKey(key, context: self)
    }

    private func handleGlobal(_ key: Key) -> Bool {
        switch key {
        case .char(let c) where ("1"..."6").contains(c):
            if let number = c.wholeNumberValue, let pane = PaneID(rawValue: number) { show(pane) }
        case .tab: show(PaneID(rawValue: active.rawValue % 6 + 1) ?? .registrations)
        case .backTab: show(PaneID(rawValue: (active.rawValue + 4) % 6 + 1) ?? .registrations)
        case .char("?"): openHelp()
        case .char("/"): filterEditing = true
        case .escape where !activePane.filter.isEmpty: activePane.filter = ""
        case .char("q"):
            if ownsEngine {
                confirm("Quit repro? This stops the engine.") { [weak self] in self?.quitRequested = true }
            } else {
                quitRequested = true
            }
        default: return false
        }
        return true
    }

    private func editFilter(_ key: Key) {
        let pane = activePane
        switch key {
        case .enter: filterEditing = false
        case .escape:
            pane.filter = ""
            filterEditing = false
        case .backspace:
            if !pane.filter.isEmpty { pane.filter.removeLast() }
        case .ctrl("u"): pane.filter = ""
        case .char(let c): pane.filter.append(c)
        default: break
        }
    }

    /// Switches to `pane` and tells the poller what to fetch for it.
    func show(_ pane: PaneID) {
        active = pane
        filterEditing = false
        demand.withLock {
            $0.activePane = pane
            if pane == .users { $0.wantsUsers = true }
            if pane == .routes { $0.wantsRoutes = true }
        }
    }

    private func openHelp() {
        var lines: [StyledLine] = [StyledLine("Everywhere", .title)]
        let global = [
            KeyHelp("1-6", "switch pane (1 Registrations, 2 Messages, 3 Traces, 4 Users, 5 Routes, 6 Status)"),
            KeyHelp("Tab / Shift-Tab", "next / previous pane"), KeyHelp("/", "filter the list (Enter keeps, Esc clears)"),
            KeyHelp("Esc", "clear the filter, close a dialog"), KeyHelp("? / F1", "this help"),
            KeyHelp("q", ownsEngine ? "quit (asks first: this stops the engine)" : "quit (the engine keeps running)"),
            KeyHelp("Ctrl-C", "quit at once"),
        ]
        func add(_ keys: [KeyHelp]) {
            for key in keys {
                lines.append(StyledLine([StyledSpan("  " + DisplayWidth.fit(key.keys, to: 28), .footerKey),
                                         StyledSpan(key.action)]))
            }
        }
        add(global)
        for pane in panes {
            lines.append(StyledLine(""))
            lines.append(StyledLine("\(pane.id.rawValue) \(pane.id.title)", .title))
            add(pane.keyHelp)
        }
        lines.append(StyledLine(""))
        lines.append(StyledLine("In forms", .title))
        add(FormState.keyHelp)
        lines.append(StyledLine(""))
        lines.append(StyledLine("In viewers (raw message, details, trace ladder)", .title))
        add(TextViewer.keyHelp)
        help = TextViewer(title: "Help: keys", lines: lines)
    }

    // MARK: Drawing

    /// Draws the whole screen.
    func draw(on canvas: any Canvas) {
        glyphs = canvas.glyphs
        let width = canvas.width, height = canvas.height
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            drawTooSmall(on: canvas)
            return
        }
        let paneRect = Rect(row: 2, col: 0, width: width, height: height - 4)
        if laidOut != (width, height) {
            laidOut = (width, height)
            for pane in panes { pane.resize(to: paneRect) }
        }
        drawHeader(on: canvas, width: width)
        drawTabs(on: canvas, width: width)
        activePane.draw(on: canvas, context: self)
        drawStatusLine(on: canvas, row: height - 2, width: width)
        drawFooter(on: canvas, row: height - 1, width: width)
        if let help { help.draw(on: canvas, in: paneRect.centered(width: 100, height: paneRect.height)) }
        if let question { drawQuestion(question.text, on: canvas, in: paneRect) }
    }

    private func drawTooSmall(on canvas: any Canvas) {
        let lines = ["Terminal too small", "need \(Self.minimumWidth)x\(Self.minimumHeight),",
                     "now \(canvas.width)x\(canvas.height)", "(q quits)"]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let col = max(0, (canvas.width - line.count) / 2)
            canvas.put(line, row: top + i, col: col, role: i == 0 ? .warning : .normal, maxWidth: canvas.width)
        }
    }

    private func drawHeader(on canvas: any Canvas, width: Int) {
        var line = StyledLine(" repro", .header)
        if let status = model.status {
            line.append(" \(status.version) \(glyphs.vertical) ", .header)
            line.append(status.transports.isEmpty ? "no transports" : status.transports.joined(separator: " "), .header)
            line.append(" \(glyphs.vertical) \(status.registrations) registrations \(glyphs.vertical) "
                            + "\(StatusView.format(status.requestsPerSecond)) req/s", .header)
        } else {
            line.append(" \(glyphs.vertical) connecting…", .header)
        }
        if let label = connectionLabel { line.append(" \(glyphs.vertical) \(label)", .header) }
        canvas.put(line, row: 0, col: 0, width: width, fill: .header)
    }

    private func drawTabs(on canvas: any Canvas, width: Int) {
        var line = StyledLine()
        for pane in PaneID.allCases {
            let label = "\(pane.rawValue) \(pane.title)"
            // The active tab is bracketed as well as highlighted: colour is never the only signal.
            if pane == active {
                line.append("[" + label + "]", .selected)
            } else {
                line.append(" " + label + " ", .normal)
            }
            line.append(" ")
        }
        canvas.put(line, row: 1, col: 0, width: width)
    }

    private func drawStatusLine(on canvas: any Canvas, row: Int, width: Int) {
        let pane = activePane
        if filterEditing || !pane.filter.isEmpty {
            var line = StyledLine("/", .filter)
            line.append(pane.filter + (filterEditing ? "_" : ""), .filter)
            line.append(filterEditing ? "   Enter keep · Esc clear" : "   (filtered; / edits, Esc clears)", .dim)
            canvas.put(line, row: row, col: 0, width: width)
        } else if let flash = flashMessage, flash.until > now {
            canvas.put((flash.isError ? glyphs.disabled + " " : "") + flash.text, row: row, col: 0,
                       role: flash.isError ? .error : .ok, maxWidth: width)
        } else if let error = model.connectionError {
            canvas.put("\(glyphs.disabled) engine: \(error)", row: row, col: 0, role: .error, maxWidth: width)
        }
    }

    private func drawFooter(on canvas: any Canvas, row: Int, width: Int) {
        var hints = activePane.footerHints
        if question != nil {
            hints = [KeyHelp("y", "yes"), KeyHelp("n/Esc", "no")]
        } else if help != nil {
            hints = TextViewer.keyHelp
        } else if !activePane.capturesInput {
            hints += [KeyHelp("1-6/Tab", "panes"), KeyHelp("/", "filter"), KeyHelp("?", "help"), KeyHelp("q", "quit")]
        }
        var line = StyledLine(" ", .footer)
        for hint in hints {
            line.append(hint.keys, .footerKey)
            line.append(" " + hint.action + "  ", .footer)
        }
        canvas.put(line, row: row, col: 0, width: width, fill: .footer)
    }

    private func drawQuestion(_ text: String, on canvas: any Canvas, in area: Rect) {
        let width = min(area.width - 4, max(DisplayWidth.of(text) + 6, 40))
        let rect = area.centered(width: width, height: 5)
        canvas.fill(rect, role: .overlay)
        canvas.box(rect, title: "Confirm", role: .warning)
        canvas.put(text, row: rect.row + 1, col: rect.col + 2, role: .overlay, maxWidth: rect.width - 4)
        var answer = StyledLine("y", .footerKey)
        answer.append(" yes    ", .overlay)
        answer.append("n", .footerKey)
        answer.append(" no", .overlay)
        canvas.put(answer, row: rect.row + 3, col: rect.col + 2, width: rect.width - 4)
    }
}
