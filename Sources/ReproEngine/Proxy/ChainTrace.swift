import NIOCore
import SIPStack

/// Why a request went where it did: every processor's decision, every branch and the
/// final response (../shared/ARCHITECTURE.md, Request processing). What the console shows.
public struct ChainTrace: Sendable, Codable {
    /// One processor's decision.
    public struct Step: Sendable, Equatable, Codable {
        public var chain: ChainKind
        public var processor: String
        public var result: ProcessorResult
        public var elapsedMicroseconds: Int64
        /// The targets the processor added.
        public var targetsAdded: [String]
        /// The response the processor produced, e.g. "407 Proxy Authentication Required".
        public var response: String?
        /// A short explanation from the processor ("trusted: 127.0.0.1 matches ACL 127.0.0.0/8").
        public var note: String?
    }

    /// One response a branch received.
    public struct BranchResponse: Sendable, Equatable, Codable {
        public var code: Int
        public var reason: String
        public var millisecondsAfterStart: Int64
    }

    /// One forwarded copy of the request.
    public struct Branch: Sendable, Equatable, Codable {
        public var target: String
        public var transport: String
        public var destination: String
        public var branchID: String
        public var responses: [BranchResponse]
        /// How the branch ended: "answered 200", "cancelled", "timer C", "transport error" …
        public var outcome: String?
    }

    public var id: UInt64
    public var arrivedAt: Int64  // wall-clock milliseconds since 1970
    public var method: String
    public var requestURI: String
    public var callID: String
    public var from: String
    public var source: String
    public var steps: [Step] = []
    public var branches: [Branch] = []
    public var finalCode: Int?
    public var finalReason: String?
    /// Why the final response won (RFC 3261 §16.7 step 6), or who produced it.
    public var finalWhy: String?
    public var completed = false

    /// Records a processor's decision.
    mutating func recordProcessor(chain: ChainKind, name: String, result: ProcessorResult, elapsed: TimeAmount,
                                  targetsAdded: [String], response: String?, note: String?) {
        steps.append(Step(chain: chain, processor: name, result: result,
                          elapsedMicroseconds: elapsed.nanoseconds / 1000, targetsAdded: targetsAdded,
                          response: response, note: note))
    }
}
