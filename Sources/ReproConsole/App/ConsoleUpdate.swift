import ReproEngine

/// What the poller and command tasks hand to the UI thread.
enum ConsoleUpdate: Sendable {
    case status(EngineStatus)
    case registrations([RegistrationInfo], fetchedAt: Double)
    case events(EventBatch)
    case traces([ChainTrace])
    case users([UserInfo])
    case routes([RouteInfo])
    case domains([String])
    case logTail([String])
    /// A fetch failed (the engine went away, a store error …).
    case fetchFailed(String)
    /// A command finished; `token` names the UI's continuation.
    case commandFinished(token: Int, result: Result<any Sendable, ControlError>)
}

/// What the UI thread asks the poller to fetch.
struct PollDemand: Sendable {
    var activePane: PaneID = .registrations
    var wantsUsers = true
    var wantsRoutes = true
    var stopped = false
}
