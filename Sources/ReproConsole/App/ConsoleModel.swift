import ReproEngine

/// The engine data the panes show, as last fetched; lives on the UI thread.
final class ConsoleModel {
    /// Message and transaction events kept for the messages pane.
    static let messageCapacity = 5000
    /// Warning and error events kept for the status pane.
    static let problemCapacity = 200

    var status: EngineStatus?
    var registrations: [RegistrationInfo] = []
    /// Monotonic seconds when `registrations` was fetched (expiry counts down from there).
    var registrationsFetchedAt = 0.0
    var registrationsVersion = 0
    var messages = RingBuffer<EngineEvent>(capacity: messageCapacity)
    var problems = RingBuffer<EngineEvent>(capacity: problemCapacity)
    var traces: [ChainTrace] = []
    var tracesVersion = 0
    var users: [UserInfo] = []
    var usersVersion = 0
    var routes: [RouteInfo] = []
    var routesVersion = 0
    var domains: [String] = []
    var logTail: [String] = []
    /// Events this console missed because it fell behind.
    var droppedEvents: UInt64 = 0
    /// The last fetch error, cleared by the next good fetch.
    var connectionError: String?

    /// Applies one update; returns whether anything visible may have changed.
    func apply(_ update: ConsoleUpdate) {
        switch update {
        case .status(let status):
            self.status = status
            connectionError = nil
        case .registrations(let list, let fetchedAt):
            registrations = list
            registrationsFetchedAt = fetchedAt
            registrationsVersion += 1
        case .events(let batch):
            droppedEvents += batch.dropped
            for event in batch.events {
                switch event.kind {
                case .message, .transaction: messages.append(event)
                case .log, .lockout: problems.append(event)
                case .registration, .trace: break
                }
            }
        case .traces(let list):
            traces = list
            tracesVersion += 1
        case .users(let list):
            users = list
            usersVersion += 1
        case .routes(let list):
            routes = list
            routesVersion += 1
        case .domains(let list):
            domains = list
        case .logTail(let lines):
            logTail = lines
        case .fetchFailed(let message):
            connectionError = message
        case .commandFinished:
            break
        }
    }
}
