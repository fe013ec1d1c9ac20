/// The header names SIPCore knows, with canonical spelling and compact forms
/// (RFC 3261 §7.3.3, §20; RFC 3265, RFC 3515, RFC 3892, RFC 4028, RFC 8224).
///
/// The message index classifies each header line into one of these without
/// creating a String; `unknown` covers every other name.
public enum KnownHeader: UInt8, Sendable, CaseIterable {
    case unknown
    case accept, acceptEncoding, acceptLanguage, alertInfo, allow, allowEvents
    case authenticationInfo, authorization, callID, callInfo, contact, contentDisposition
    case contentEncoding, contentLanguage, contentLength, contentType, cSeq, date
    case errorInfo, event, expires, from, identity, identityInfo, inReplyTo
    case maxForwards, minExpires, minSE, mimeVersion, organization, pAssertedIdentity
    case pPreferredIdentity, path, priority, proxyAuthenticate, proxyAuthorization
    case proxyRequire, reason, recordRoute, referTo, referredBy, replyTo, require
    case retryAfter, route, server, sessionExpires, subject, subscriptionState
    case supported, timestamp, to, unsupported, userAgent, via, warning, wwwAuthenticate

    /// The canonical spelling used when a header is written anew.
    public var canonicalName: String {
        switch self {
        case .unknown: return ""
        case .accept: return "Accept"
        case .acceptEncoding: return "Accept-Encoding"
        case .acceptLanguage: return "Accept-Language"
        case .alertInfo: return "Alert-Info"
        case .allow: return "Allow"
        case .allowEvents: return "Allow-Events"
        case .authenticationInfo: return "Authentication-Info"
        case .authorization: return "Authorization"
        case .callID: return "Call-ID"
        case .callInfo: return "Call-Info"
        case .contact: return "Contact"
        case .contentDisposition: return "Content-Disposition"
        case .contentEncoding: return "Content-Encoding"
        case .contentLanguage: return "Content-Language"
        case .contentLength: return "Content-Length"
        case .contentType: return "Content-Type"
        case .cSeq: return "CSeq"
        case .date: return "Date"
        case .errorInfo: return "Error-Info"
        case .event: return "Event"
        case .expires: return "Expires"
        case .from: return "From"
        case .identity: return "Identity"
        case .identityInfo: return "Identity-Info"
        case .inReplyTo: return "In-Reply-To"
        case .maxForwards: return "Max-Forwards"
        case .minExpires: return "Min-Expires"
        case .minSE: return "Min-SE"
        case .mimeVersion: return "MIME-Version"
        case .organization: return "Organization"
        case .pAssertedIdentity: return "P-Asserted-Identity"
        case .pPreferredIdentity: return "P-Preferred-Identity"
        case .path: return "Path"
        case .priority: return "Priority"
        case .proxyAuthenticate: return "Proxy-Authenticate"
        case .proxyAuthorization: return "Proxy-Authorization"
        case .proxyRequire: return "Proxy-Require"
        case .reason: return "Reason"
        case .recordRoute: return "Record-Route"
        case .referTo: return "Refer-To"
        case .referredBy: return "Referred-By"
        case .replyTo: return "Reply-To"
        case .require: return "Require"
        case .retryAfter: return "Retry-After"
        case .route: return "Route"
        case .server: return "Server"
        case .sessionExpires: return "Session-Expires"
        case .subject: return "Subject"
        case .subscriptionState: return "Subscription-State"
        case .supported: return "Supported"
        case .timestamp: return "Timestamp"
        case .to: return "To"
        case .unsupported: return "Unsupported"
        case .userAgent: return "User-Agent"
        case .via: return "Via"
        case .warning: return "Warning"
        case .wwwAuthenticate: return "WWW-Authenticate"
        }
    }

    /// The compact form (RFC 3261 §7.3.3 and later RFCs), if there is one.
    public var compactForm: Character? {
        switch self {
        case .callID: return "i"
        case .contact: return "m"
        case .contentEncoding: return "e"
        case .contentLength: return "l"
        case .contentType: return "c"
        case .from: return "f"
        case .subject: return "s"
        case .supported: return "k"
        case .to: return "t"
        case .via: return "v"
        case .event: return "o"
        case .allowEvents: return "u"
        case .referTo: return "r"
        case .referredBy: return "b"
        case .identity: return "y"
        case .identityInfo: return "n"
        case .sessionExpires: return "x"
        default: return nil
        }
    }

    /// The lookup table for `classify`: every name (and compact form), lower-cased, grouped by
    /// length and by the low five bits of the first letter, so that a name is compared with the
    /// one or two known names it could be rather than with every name of its length.
    struct NameTable: Sendable {
        struct Entry: Sendable {
            var offset: Int
            var header: KnownHeader
        }
        /// All names back to back.
        var pool: [UInt8] = []
        /// Entries sorted by length, then by the low five bits of the first letter.
        var entries: [Entry] = []
        /// `entries[starts[b]..<starts[b + 1]]` are the names in bucket `b` (`bucket(length:first:)`).
        var starts: [Int] = []

        /// The longest name the table holds.
        static var maxLength: Int { 32 }

        /// The bucket of a name of `length` (at most `maxLength`) whose first byte, lower-cased, is `first`.
        @inline(__always) static func bucket(length: Int, first: UInt8) -> Int { length &* 32 &+ Int(first & 0x1f) }
    }

    static let table: NameTable = {
        let bucketCount = NameTable.bucket(length: NameTable.maxLength, first: 0x1f) + 1
        var buckets: [[([UInt8], KnownHeader)]] = Array(repeating: [], count: bucketCount)
        func add(_ name: [UInt8], _ h: KnownHeader) {
            precondition(name.count <= NameTable.maxLength, "header name longer than the table takes")
            // `classify` folds case by setting bit 0x20, which is exact only against these bytes.
            precondition(name.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d },
                         "a known header name is lower-case letters, digits and '-'")
            buckets[NameTable.bucket(length: name.count, first: name[0])].append((name, h))
        }
        for h in KnownHeader.allCases where h != .unknown {
            add(Array(h.canonicalName.lowercased().utf8), h)
            if let c = h.compactForm { add(Array(String(c).utf8), h) }
        }
        var t = NameTable()
        for names in buckets {
            t.starts.append(t.entries.count)
            for (name, h) in names {
                t.entries.append(.init(offset: t.pool.count, header: h))
                t.pool.append(contentsOf: name)
            }
        }
        t.starts.append(t.entries.count)
        // So that a word read from the end of any name stays inside the pool.
        t.pool.append(contentsOf: repeatElement(0, count: 8))
        return t
    }()

    /// Classifies a header name given as bytes, ignoring case. `bytes[range]` must be token
    /// characters (RFC 3261 §25.1), as the message index has checked them to be.
    ///
    /// The name is compared with the candidates eight bytes at a time, each byte folded by
    /// setting its 0x20 bit: for a token character that maps an upper-case letter to its
    /// lower case and leaves every other one unchanged or (`_`) unlike any byte of a known
    /// name, whose lower-case forms are letters, digits and `-` only.
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, table: NameTable) -> KnownHeader {
        let n = range.count
        guard n > 0, n <= NameTable.maxLength, let base = bytes.baseAddress else { return .unknown }
        let name = UnsafeRawPointer(base + range.lowerBound)
        // Whether a word may be read from the last part of the name (the bytes after it are
        // the rest of the line).
        let wideTail = range.lowerBound + (n & ~7) + 8 <= bytes.count
        let first = CharacterClass.lower(bytes[range.lowerBound])
        let bucket = NameTable.bucket(length: n, first: first)
        return table.pool.withUnsafeBytes { pool in
            var e = table.starts[bucket]
            let stop = table.starts[bucket + 1]
            while e < stop {
                let entry = table.entries[e]
                e += 1
                if Self.foldedEqual(name, pool.baseAddress! + entry.offset, count: n, wideTail: wideTail) {
                    return entry.header
                }
            }
            return .unknown
        }
    }

    /// Whether the `count` token bytes at `name`, folded, are the lower-case name at `known`
    /// (which has at least seven readable bytes after it: the table's pool is padded).
    @inline(__always)
    private static func foldedEqual(_ name: UnsafeRawPointer, _ known: UnsafeRawPointer, count: Int,
                                    wideTail: Bool) -> Bool {
        let fold: UInt64 = 0x2020_2020_2020_2020
        var i = 0
        while i &+ 8 <= count {
            let a = UInt64(littleEndian: name.loadUnaligned(fromByteOffset: i, as: UInt64.self)) | fold
            guard a == UInt64(littleEndian: known.loadUnaligned(fromByteOffset: i, as: UInt64.self)) else {
                return false
            }
            i &+= 8
        }
        let rest = count &- i
        if rest == 0 { return true }
        if wideTail {
            let mask: UInt64 = (1 << UInt64(rest &* 8)) &- 1
            let a = (UInt64(littleEndian: name.loadUnaligned(fromByteOffset: i, as: UInt64.self)) | fold) & mask
            return a == UInt64(littleEndian: known.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & mask
        }
        while i < count {
            guard name.load(fromByteOffset: i, as: UInt8.self) | 0x20 == known.load(fromByteOffset: i, as: UInt8.self)
            else { return false }
            i &+= 1
        }
        return true
    }

    /// Classifies a header name given as text, ignoring case.
    public static func classify(_ name: some StringProtocol) -> KnownHeader {
        let b = Array(name.utf8)
        guard b.allSatisfy(CharacterClass.isToken) else { return .unknown }
        return b.withUnsafeBufferPointer { classify($0, 0..<b.count, table: table) }
    }
}
