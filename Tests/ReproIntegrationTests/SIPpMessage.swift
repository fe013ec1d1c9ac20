/// The SIP messages the scenarios send, from the SIPp endpoint that runs them.
enum SIPpMessage {
    /// Digest credentials: the header line SIPp turns into (Proxy-)Authorization for the last
    /// challenge.
    struct Credentials {
        var header: String

        static func user(_ user: String, password: String) -> Credentials {
            Credentials(header: "[authentication username=\(user) password=\(password)]")
        }

        /// The `[authentication …]` keyword in field `index` of the injection file's line.
        static func injectionField(_ index: Int) -> Credentials { Credentials(header: "[field\(index)]") }
    }

    /// A request that starts or continues the scenario's own transaction or dialog.
    /// `headers` come after the standard ones (Contact, Expires, credentials…).
    static func request(_ method: String, uri: String, from: String, to: String, cseq: Int,
                        maxForwards: Int = 70, headers: [String] = []) -> String {
        lines([
            "\(method) \(uri) SIP/2.0",
            "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
            "Max-Forwards: \(maxForwards)",
            "From: <\(from)>;tag=[pid]SIPpTag00[call_number]",
            "To: <\(to)>",
            "Call-ID: [call_id]",
            "CSeq: \(cseq) \(method)",
        ] + headers + ["Content-Length: 0"])
    }

    /// A request inside the dialog the last 2xx created: to its Contact, along its Record-Route.
    static func inDialog(_ method: String, from: String, cseq: Int) -> String {
        lines([
            "\(method) [next_url] SIP/2.0",
            "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
            "[routes]",
            "Max-Forwards: 70",
            "From: <\(from)>;tag=[pid]SIPpTag00[call_number]",
            "[last_To:]",
            "Call-ID: [call_id]",
            "CSeq: \(cseq) \(method)",
            "Content-Length: 0",
        ])
    }

    /// The ACK of a non-2xx final response, or a CANCEL: the INVITE's Via (branch) and
    /// Request-URI, CSeq number and, for the ACK, the To tag of the response (RFC 3261 §17.1.1.3, §9.1).
    static func sameTransaction(_ method: String, uri: String, from: String, to: String, cseq: Int) -> String {
        lines([
            "\(method) \(uri) SIP/2.0",
            "[last_Via:]",
            "Max-Forwards: 70",
            "From: <\(from)>;tag=[pid]SIPpTag00[call_number]",
            method == "ACK" ? "[last_To:]" : "To: <\(to)>",
            "Call-ID: [call_id]",
            "CSeq: \(cseq) \(method)",
            "Content-Length: 0",
        ])
    }

    /// A response to the last request received. A response to an INVITE gets our To tag and
    /// Contact and, for a 2xx, the Record-Route the request carried (RFC 3261 §12.1.1).
    static func response(_ code: Int, _ reason: String, toInvite: Bool, user: String = "bob") -> String {
        var headers = ["SIP/2.0 \(code) \(reason)", "[last_Via:]"]
        if toInvite && (200...299).contains(code) { headers.append("[last_Record-Route:]") }
        headers += ["[last_From:]", toInvite ? "[last_To:];tag=[pid]SIPpTag01[call_number]" : "[last_To:]",
                    "[last_Call-ID:]", "[last_CSeq:]"]
        if toInvite && code < 300 { headers.append("Contact: <sip:\(user)@[local_ip]:[local_port];transport=[transport]>") }
        return lines(headers + ["Content-Length: 0"])
    }

    /// A response to the request received with `remember: true` (its Vias and CSeq), with the
    /// To tag our responses to it carry.
    static func responseToRememberedRequest(_ code: Int, _ reason: String) -> String {
        lines(["SIP/2.0 \(code) \(reason)", "[$rememberedVias]", "[last_From:]",
               "[last_To:];tag=[pid]SIPpTag01[call_number]", "[last_Call-ID:]", "CSeq: [$rememberedCSeq]",
               "Content-Length: 0"])
    }

    private static func lines(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }
}
