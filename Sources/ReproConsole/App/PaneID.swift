/// The six panes, in their number-key order.
public enum PaneID: Int, CaseIterable, Sendable {
    case registrations = 1, messages, traces, users, routes, status

    /// The name in the tab bar.
    var title: String {
        switch self {
        case .registrations: return "Registrations"
        case .messages: return "Messages"
        case .traces: return "Traces"
        case .users: return "Users"
        case .routes: return "Routes"
        case .status: return "Status"
        }
    }
}
