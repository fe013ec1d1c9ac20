// The small value types of a session description's lines (RFC 4566 §5).

extension SdpContents {
    /// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 4566 §5.2).
    public struct Origin: Sendable, Hashable {
        public var username: String
        /// sess-id: a numeric string, kept as text as it may exceed 64 bits.
        public var sessionID: String
        /// sess-version: a numeric string, bumped on every change (RFC 3264 §8).
        public var sessionVersion: String
        public var netType: String
        public var addrType: String
        public var address: String

        public init(username: String = "-", sessionID: String, sessionVersion: String,
                    netType: String = "IN", addrType: String, address: String) {
            self.username = username
            self.sessionID = sessionID
            self.sessionVersion = sessionVersion
            self.netType = netType
            self.addrType = addrType
            self.address = address
        }

        /// Adds one to the decimal sess-version, however long (RFC 3264 §8: a changed offer
        /// carries a higher version).
        public mutating func incrementVersion() {
            var digits = Array(sessionVersion.utf8)
            guard !digits.isEmpty, digits.allSatisfy(CharacterClass.isDigit) else {
                sessionVersion = "1"
                return
            }
            var i = digits.count - 1
            while i >= 0 {
                if digits[i] == UInt8(ascii: "9") {
                    digits[i] = UInt8(ascii: "0")
                    i -= 1
                } else {
                    digits[i] += 1
                    break
                }
            }
            if i < 0 { digits.insert(UInt8(ascii: "1"), at: 0) }
            sessionVersion = String(decoding: digits, as: UTF8.self)
        }

        var text: String { "\(username) \(sessionID) \(sessionVersion) \(netType) \(addrType) \(address)" }
    }

    /// `c=<nettype> <addrtype> <connection-address>` (RFC 4566 §5.7). A multicast address
    /// keeps its `/ttl[/count]` suffix in `address`.
    public struct Connection: Sendable, Hashable {
        public var netType: String
        /// `IP4` or `IP6`.
        public var addrType: String
        public var address: String

        public init(netType: String = "IN", addrType: String, address: String) {
            self.netType = netType
            self.addrType = addrType
            self.address = address
        }

        /// `IN IP4 <address>` or `IN IP6 <address>`, chosen by whether the address holds a colon.
        public init(address: String) {
            self.init(addrType: address.contains(":") ? "IP6" : "IP4", address: address)
        }

        var text: String { "\(netType) \(addrType) \(address)" }
    }

    /// `b=<bwtype>:<bandwidth>` (RFC 4566 §5.8), e.g. `AS:64` (kilobits per second).
    public struct Bandwidth: Sendable, Hashable {
        public var type: String
        public var value: Int

        public init(type: String, value: Int) {
            self.type = type
            self.value = value
        }

        var text: String { "\(type):\(value)" }
    }

    /// `t=<start-time> <stop-time>` (RFC 4566 §5.9), NTP seconds; 0 0 means unbounded.
    public struct Timing: Sendable, Hashable {
        public var start: Int
        public var stop: Int
        /// The `r=` lines that follow, as written (RFC 4566 §5.10).
        public var repeats: [String]

        public init(start: Int, stop: Int, repeats: [String] = []) {
            self.start = start
            self.stop = stop
            self.repeats = repeats
        }
    }

    /// `a=<attribute>` or `a=<attribute>:<value>` (RFC 4566 §5.13).
    public struct Attribute: Sendable, Hashable {
        public var name: String
        /// nil for a property attribute such as `a=sendrecv`.
        public var value: String?

        public init(_ name: String, _ value: String? = nil) {
            self.name = name
            self.value = value
        }

        var text: String { value.map { "\(name):\($0)" } ?? name }
    }

    /// A line of a type the model does not give a field of its own (`z=`, `k=`, extensions).
    public struct Line: Sendable, Hashable {
        public var type: Character
        public var value: String

        public init(type: Character, value: String) {
            self.type = type
            self.value = value
        }
    }
}
