import ArgumentParser
import SIPCore

#if canImport(Glibc)
import Glibc
#endif

/// `repro bench parse`: messages per second through the message layer, on one thread.
///
/// (a) indexing a typical INVITE with SDP; (b) the same plus typed reads of the
/// headers a proxy reads; (c) (b) plus serializing after decrementing
/// Max-Forwards and pushing a Via — the work of forwarding a request.
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Messages per second through parse, typed reads and serialize.")

    @Option(help: "Seconds to run each case.")
    var seconds: Double = 2

    @Option(help: "Run only the cases whose name starts with this text (a, b, c; r1, s2 … with --breakdown).")
    var only: String?

    @Option(help: "Run each case exactly this many times instead of for a time (for counting allocations and calls with perf probes).")
    var count: Int?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Also run one case per step of (b) and (c): each indexes the message and does that one step, so its cost over (a) is the step's.")
    var breakdown = false

    func run() throws {
        let bytes = Array(BenchMessages.invite.utf8)
        let via = Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bK-bench-branch-0001")
        let cases: [(String, () throws -> Int)] = [
            ("a) index INVITE", { try SipMessage.parse(bytes).bodyCount }),
            ("b) index + typed reads", { try Self.typedReads(SipMessage.parse(bytes)) }),
            ("c) index + reads + serialize", {
                let m = try SipMessage.parse(bytes)
                var n = try Self.typedReads(m)
                m[.maxForwards] = (m[.maxForwards] ?? 70) - 1
                m.pushFront(.vias, via)
                n &+= m.serialize().count
                return n
            }),
        ] + (breakdown ? Self.breakdownCases(bytes, via) : [])
        var results: [(String, Double)] = []
        for (name, body) in cases where only.map({ name.hasPrefix($0) }) ?? true {
            if let count {
                let start = Self.now()
                var sink = 0
                for _ in 0..<count { sink &+= try body() }
                if sink == 42 { print("") }
                results.append((name, Double(count) / max(Self.now() - start, 1e-9)))
            } else {
                results.append((name, try Self.measure(seconds: seconds, body)))
            }
        }
        if json {
            let items = results.map { "\"\($0.0)\": \(Int($0.1))" }.joined(separator: ", ")
            print("{\(items), \"messageBytes\": \(bytes.count)}")
        } else {
            print("repro bench parse — \(bytes.count)-byte INVITE with SDP, one thread")
            // A step case's time over indexing alone, when (a) ran too.
            let indexRate = results.first { $0.0.hasPrefix("a)") }?.1
            for (name, rate) in results {
                var line = name + String(repeating: " ", count: max(1, 36 - name.count)) + "\(Int(rate)) msg/s"
                if let indexRate, name.hasPrefix("r") || name.hasPrefix("s") && name.contains("+") {
                    line += "   +\(Int((1e9 / rate - 1e9 / indexRate).rounded())) ns"
                }
                print(line)
            }
        }
    }

    /// The steps of (b) and (c) one at a time (`--breakdown`), and two that read a header
    /// again from its cache.
    static func breakdownCases(_ bytes: [UInt8], _ via: Via) -> [(String, () throws -> Int)] {
        func parsed() throws -> SipMessage { try SipMessage.parse(bytes) }
        return [
            ("r1 + Vias", { try parsed().values(.vias).count }),
            ("r2 + From tag", { try parsed().get(.from).tag?.utf8.count ?? 0 }),
            ("r3 + To user", { try parsed().get(.to).uri.user?.utf8.count ?? 0 }),
            ("r4 + Call-ID", { try parsed().get(.callID).utf8.count }),
            ("r5 + CSeq", { Int(try parsed().get(.cSeq).sequence) }),
            ("r6 + Max-Forwards", { try parsed().get(.maxForwards) }),
            ("r7 + Routes", { try parsed().values(.routes).count }),
            ("r8 + From tag 5 times", {
                let m = try parsed()
                var n = 0
                for _ in 0..<5 { n &+= try m.get(.from).tag?.utf8.count ?? 0 }
                return n
            }),
            ("s1 + serialize unchanged", { try parsed().serialize().count }),
            ("s2 + Max-Forwards - 1, serialize", {
                let m = try parsed()
                m[.maxForwards] = (m[.maxForwards] ?? 70) - 1
                return m.serialize().count
            }),
            ("s3 + push Via, serialize", {
                let m = try parsed()
                m.pushFront(.vias, via)
                return m.serialize().count
            }),
            ("s4 a Via written alone", {
                var out: [UInt8] = []
                out.reserveCapacity(96)
                via.write(to: &out)
                return out.count
            }),
        ]
    }

    static func typedReads(_ m: SipMessage) throws -> Int {
        var n = 0
        n &+= try m.values(.vias).count
        n &+= try m.get(.from).tag?.utf8.count ?? 0
        n &+= try m.get(.to).uri.user?.utf8.count ?? 0
        n &+= try m.get(.callID).utf8.count
        n &+= Int(try m.get(.cSeq).sequence)
        n &+= try m.get(.maxForwards)
        n &+= try m.values(.routes).count
        return n
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` in batches until `seconds` pass; returns calls per second.
    static func measure(seconds: Double, _ body: () throws -> Int) throws -> Double {
        var sink = 0
        for _ in 0..<2000 { sink &+= try body() }  // warm-up
        let start = now()
        var count = 0
        var elapsed = 0.0
        repeat {
            for _ in 0..<1000 { sink &+= try body() }
            count += 1000
            elapsed = now() - start
        } while elapsed < seconds
        if sink == 42 { print("") }  // keeps the work observable to the optimizer
        return Double(count) / elapsed
    }
}

/// The message the parse benchmark uses: a typical ~700-byte INVITE with SDP.
enum BenchMessages {
    static let sdp = [
        "v=0", "o=alice 2890844526 2890844526 IN IP4 192.0.2.101", "s=-", "c=IN IP4 192.0.2.101", "t=0 0",
        "m=audio 49172 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000", "a=sendrecv", "",
    ].joined(separator: "\r\n")

    static let invite = [
        "INVITE sip:bob@biloxi.example.com SIP/2.0",
        "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport",
        "Max-Forwards: 70",
        "Route: <sip:proxy.biloxi.example.com;lr>",
        "To: Bob <sip:bob@biloxi.example.com>",
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
        "CSeq: 314159 INVITE",
        "Contact: <sip:alice@pc33.atlanta.example.com>",
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
        "User-Agent: bench/1.0",
        "Content-Type: application/sdp",
        "Content-Length: \(sdp.utf8.count)",
        "",
        sdp,
    ].joined(separator: "\r\n")
}
