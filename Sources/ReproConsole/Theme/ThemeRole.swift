/// Everything the console draws in a style of its own; the raw values are the theme file keys.
public enum ThemeRole: String, CaseIterable, Sendable {
    case normal
    case header
    case footer
    case footerKey = "footer.key"
    case title
    case border
    case selected
    case dim
    case ok
    case warning
    case error
    case nat
    case expiring
    case paused
    case filter
    case overlay
    case formLabel = "form.label"
    case formError = "form.error"
    case input
    case sipStartLine = "sip.start-line"
    case sipHeaderName = "sip.header-name"
    case sipBody = "sip.body"
    case ladderChain = "ladder.chain"
    case ladderProcessor = "ladder.processor"
    case ladderBranch = "ladder.branch"
    case ladderFinal = "ladder.final"
    case ladderWinner = "ladder.winner"
    case inbound
    case outbound

    /// The attributes a role has when a theme says nothing about it (and the signal it keeps in mono).
    var monochromeAttributes: ThemeStyle.Attributes {
        switch self {
        case .header, .footer, .selected, .paused, .ladderWinner: return .reverse
        case .footerKey, .title, .warning, .nat, .expiring, .filter, .formLabel, .sipStartLine, .ladderChain,
             .ladderBranch, .ladderFinal:
            return .bold
        case .error, .formError: return [.bold, .underline]
        case .input, .sipHeaderName: return .underline
        case .dim, .border, .sipBody: return .dim
        case .normal, .ok, .overlay, .ladderProcessor, .inbound, .outbound: return []
        }
    }
}
