/// The first line of a SIP message (RFC 3261 §7.1, §7.2).
public enum StartLine: Sendable, Equatable {
    /// `Method SP Request-URI SP SIP-Version`
    case request(method: SipMethod, uri: URI)
    /// `SIP-Version SP Status-Code SP Reason-Phrase`
    case response(code: Int, reason: String)

    /// Writes the line (without CRLF) in canonical form.
    func write(to out: inout [UInt8]) {
        switch self {
        case let .request(method, uri):
            out.append(contentsOf: method.name.utf8)
            out.append(0x20)
            uri.write(to: &out)
            out.append(contentsOf: " SIP/2.0".utf8)
        case let .response(code, reason):
            out.append(contentsOf: "SIP/2.0 ".utf8)
            out.append(contentsOf: String(code).utf8)
            out.append(0x20)
            out.append(contentsOf: reason.utf8)
        }
    }
}

/// The standard reason phrases (RFC 3261 §21 and later RFCs).
public enum ReasonPhrase {
    public static func standard(for code: Int) -> String {
        switch code {
        case 100: return "Trying"
        case 180: return "Ringing"
        case 181: return "Call Is Being Forwarded"
        case 182: return "Queued"
        case 183: return "Session Progress"
        case 200: return "OK"
        case 202: return "Accepted"
        case 300: return "Multiple Choices"
        case 301: return "Moved Permanently"
        case 302: return "Moved Temporarily"
        case 305: return "Use Proxy"
        case 380: return "Alternative Service"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 402: return "Payment Required"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 407: return "Proxy Authentication Required"
        case 408: return "Request Timeout"
        case 410: return "Gone"
        case 413: return "Request Entity Too Large"
        case 414: return "Request-URI Too Long"
        case 415: return "Unsupported Media Type"
        case 416: return "Unsupported URI Scheme"
        case 420: return "Bad Extension"
        case 421: return "Extension Required"
        case 423: return "Interval Too Brief"
        case 429: return "Too Many Requests"
        case 480: return "Temporarily Unavailable"
        case 481: return "Call/Transaction Does Not Exist"
        case 482: return "Loop Detected"
        case 483: return "Too Many Hops"
        case 484: return "Address Incomplete"
        case 485: return "Ambiguous"
        case 486: return "Busy Here"
        case 487: return "Request Terminated"
        case 488: return "Not Acceptable Here"
        case 491: return "Request Pending"
        case 493: return "Undecipherable"
        case 500: return "Server Internal Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Server Time-out"
        case 505: return "Version Not Supported"
        case 513: return "Message Too Large"
        case 600: return "Busy Everywhere"
        case 603: return "Decline"
        case 604: return "Does Not Exist Anywhere"
        case 606: return "Not Acceptable"
        default: return "Unknown"
        }
    }
}
