/// A SIPp scenario built step by step and written out as SIPp's XML.
///
/// Messages use SIPp's keywords (`[local_ip]`, `[transport]`, `[last_Via:]`, …), so one
/// scenario serves UDP and TCP. Every peer of a test shares one Call-ID (SIPp's `-cid_str`):
/// SIPp maps an incoming message to a call by its Call-ID, which is how a phone that started
/// with its own REGISTER recognizes the INVITE the proxy forwards to it.
struct SIPpScenario {
    let name: String
    private var steps: [String] = []
    private var variables: [String] = []

    init(_ name: String) { self.name = name }

    /// What a received message must (or must not) contain: a POSIX extended regular
    /// expression searched for in the whole message.
    struct Check {
        var pattern: String
        var present = true

        static func contains(_ pattern: String) -> Check { Check(pattern: pattern) }
        static func lacks(_ pattern: String) -> Check { Check(pattern: pattern, present: false) }
    }

    var xml: String {
        let reference = variables.isEmpty ? "" : "  <Reference variables=\"\(variables.joined(separator: ","))\"/>\n"
        return """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="\(name)">
            \(steps.joined(separator: "\n"))
            \(reference)</scenario>

            """
    }

    // MARK: Steps

    /// Sends `message`. `retransmit` for what waits for an answer — a request, or a final response
    /// to an INVITE, which waits for the ACK — so that a datagram lost on UDP is sent again
    /// (SIPp stops once the answer arrives, and never retransmits over TCP).
    mutating func send(_ message: String, retransmit: Bool = false) {
        steps.append("""
              <send\(retransmit ? " retrans=\"500\"" : "")><![CDATA[
            \(message)
            ]]></send>
            """)
    }

    /// Waits for a response with `code`.
    mutating func receive(response code: Int, optional: Bool = false, challenge: Bool = false,
                          recordRoutes: Bool = false, checks: [Check] = [], marker: String? = nil) {
        var attributes = "response=\"\(code)\""
        if optional { attributes += " optional=\"true\"" }
        if challenge { attributes += " auth=\"true\"" }
        if recordRoutes { attributes += " rrs=\"true\"" }
        receive(attributes, checks: checks, marker: marker)
    }

    /// Waits for a request with `method`. `remember` keeps its Via headers and CSeq for a
    /// response sent after another request arrived (the 487 after a CANCEL): see
    /// `SIPpMessage.responseToRememberedRequest`.
    mutating func receive(request method: String, checks: [Check] = [], remember: Bool = false) {
        var captures: [String] = []
        if remember {
            // Every Via line, without the line end after the last ([:cntrl:] matches CR and LF).
            let vias = "Via: [^[:cntrl:]]*([[:cntrl:]]+Via: [^[:cntrl:]]*)*"
            captures.append("      <ereg regexp=\"\(vias)\" search_in=\"msg\" assign_to=\"rememberedVias\"/>")
            captures.append(
                "      <ereg regexp=\"[0-9]+ [A-Z]+\" search_in=\"hdr\" header=\"CSeq:\" assign_to=\"rememberedCSeq\"/>")
            variables += ["rememberedVias", "rememberedCSeq"]
        }
        receive("request=\"\(method)\"", checks: checks, marker: nil, captures: captures)
    }

    mutating func pause(milliseconds: Int) {
        steps.append("  <pause milliseconds=\"\(milliseconds)\"/>")
    }

    private mutating func receive(_ attributes: String, checks: [Check], marker: String?, captures: [String] = []) {
        var actions = captures
        for check in checks {
            let variable = "check\(variables.count)"
            variables.append(variable)
            let kind = check.present ? "check_it" : "check_it_inverse"
            actions.append("      <ereg regexp=\"\(Self.escaped(check.pattern))\" search_in=\"msg\" "
                + "\(kind)=\"true\" assign_to=\"\(variable)\"/>")
        }
        // The test waits for this file: the step has been reached (SIPp runs it with the shell).
        if let marker { actions.append("      <exec command=\"touch \(Self.escaped(marker))\"/>") }
        guard !actions.isEmpty else {
            steps.append("  <recv \(attributes)/>")
            return
        }
        steps.append("  <recv \(attributes)>\n    <action>\n\(actions.joined(separator: "\n"))\n    </action>\n  </recv>")
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `text` as a regular expression that matches it literally.
    static func literal(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
