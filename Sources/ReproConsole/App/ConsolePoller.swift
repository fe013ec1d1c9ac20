import Foundation
import ReproEngine

/// Reads the control API off the UI thread and hands results to the UI through `inbox`.
///
/// It asks only for what the visible pane needs, at most every `tick`: bounded event pages
/// (`events(after:limit:)`), status each second, the registrations or traces snapshot each
/// second while their pane is shown, users and routes when asked. It never blocks the engine.
struct ConsolePoller: Sendable {
    let api: any ControlAPI
    let inbox: LockedBox<[ConsoleUpdate]>
    let demand: LockedBox<PollDemand>
    let logFilePath: String?
    var tick = Duration.milliseconds(100)
    /// Events read per page.
    var eventPage = 1000

    func run() async {
        var cursor: UInt64 = 0
        var lastStatus = -Double.infinity, lastSnapshot = -Double.infinity, lastLog = -Double.infinity
        var lastPane: PaneID?
        while !Task.isCancelled {
            let wanted = demand.withLock { d -> PollDemand in
                defer { d.wantsUsers = false; d.wantsRoutes = false }
                return d
            }
            if wanted.stopped { return }
            let now = MonotonicClock.now()
            do {
                let batch = try await api.events(after: cursor, limit: eventPage)
                cursor = batch.nextCursor
                if !batch.events.isEmpty || batch.dropped > 0 { post(.events(batch)) }
                if now - lastStatus >= 1 {
                    lastStatus = now
                    post(.status(try await api.status()))
                }
                let paneChanged = lastPane != wanted.activePane
                lastPane = wanted.activePane
                if paneChanged || now - lastSnapshot >= 1 {
                    lastSnapshot = now
                    switch wanted.activePane {
                    case .registrations:
                        let list = try await api.registrations()
                        post(.registrations(list, fetchedAt: MonotonicClock.now()))
                    case .traces:
                        post(.traces(try await api.traces(limit: 500)))
                    default: break
                    }
                }
                if wanted.wantsUsers {
                    post(.users(try await api.users()))
                    post(.domains(try await api.domains()))
                }
                if wanted.wantsRoutes { post(.routes(try await api.routes())) }
                if wanted.activePane == .status, now - lastLog >= 2, let logFilePath {
                    lastLog = now
                    post(.logTail(Self.tail(of: logFilePath, lines: 20)))
                }
            } catch {
                post(.fetchFailed((error as? ControlError)?.message ?? String(describing: error)))
                try? await Task.sleep(for: .seconds(1))
            }
            try? await Task.sleep(for: tick)
        }
    }

    private func post(_ update: ConsoleUpdate) {
        inbox.withLock { $0.append(update) }
    }

    /// The last warning/error lines of a log file (reads at most its last 64 KiB).
    static func tail(of path: String, lines count: Int) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65536 ? size - 65536 : 0)
        guard let data = try? handle.readToEnd(), let text = String(data: data, encoding: .utf8) else { return [] }
        let interesting = text.split(separator: "\n").filter { line in
            let lower = line.lowercased()
            return lower.contains("warning") || lower.contains("error") || lower.contains("critical")
        }
        return interesting.suffix(count).map(String.init)
    }
}
