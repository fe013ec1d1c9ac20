/// The Date header (RFC 3261 §20.17): an rfc1123-date, always in GMT,
/// such as `Sat, 13 Nov 2010 23:29:00 GMT`.
///
/// Stored as whole seconds since 1970-01-01 00:00:00 UTC; the calendar is
/// computed here, without Foundation, using the proleptic Gregorian calendar.
public struct SipDate: SipHeaderValue, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 UTC (negative before).
    public var secondsSince1970: Int

    public init(secondsSince1970: Int) {
        self.secondsSince1970 = secondsSince1970
    }

    /// The date at a civil time in GMT; nil when a field is out of range
    /// (years 0…9999, which is what an rfc1123-date can spell).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0...9999).contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Parses a whole value such as `Sat, 13 Nov 2010 23:29:00 GMT`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Date")
        self = try SipDate.parse(&s)
        try s.expectEnd()
    }

    public static func < (a: SipDate, b: SipDate) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    // MARK: Broken-down time

    /// The civil date and time in GMT.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = Self.floorDiv(secondsSince1970, 86_400)
        let secs = secondsSince1970 - days * 86_400
        let (y, m, d) = Self.civilFromDays(days)
        return (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
    }

    /// The day of the week, 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (Self.floorDiv(secondsSince1970, 86_400) + 4) % 7
        return w < 0 ? w + 7 : w
    }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ m: Int, year: Int) -> Int {
        switch m {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400                                           // [0, 399]
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1 // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                   // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365     // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                    // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11]
        let d = doy - (153 * mp + 2) / 5 + 1                                 // [1, 31]
        let m = mp < 10 ? mp + 3 : mp - 9                                    // [1, 12]
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    // MARK: Parsing

    /// rfc1123-date = wkday "," SP date1 SP time SP "GMT";
    /// date1 = 2DIGIT SP month SP 4DIGIT; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT (RFC 3261 §25.1).
    /// Names are matched ignoring case and white space may be longer; a weekday that
    /// disagrees with the date is accepted, as the date itself is what counts.
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> SipDate {
        s.skipWhitespace()
        guard name(&s, in: weekdayNames) != nil else { throw s.error("expected a weekday (Mon … Sun)") }
        try s.expect(UInt8(ascii: ","), "',' after the weekday")
        let day = try s.integer(maxDigits: 2, "a day of the month")
        s.skipWhitespace()
        guard let month = name(&s, in: monthNames) else { throw s.error("expected a month (Jan … Dec)") }
        s.skipWhitespace()
        let yearStart = s.position
        let year = try s.integer(maxDigits: 4, "a four-digit year")
        guard s.position - yearStart == 4 else { throw s.error("expected a four-digit year") }
        s.skipWhitespace()
        let hour = try s.integer(maxDigits: 2, "an hour")
        try s.expect(UInt8(ascii: ":"), "':' in the time")
        let minute = try s.integer(maxDigits: 2, "minutes")
        try s.expect(UInt8(ascii: ":"), "':' in the time")
        let second = try s.integer(maxDigits: 2, "seconds")
        s.skipWhitespace()
        guard s.consumeCaseInsensitive("GMT") else { throw s.error("expected GMT") }
        guard let date = SipDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        else { throw s.error("date or time out of range") }
        return date
    }

    /// The index of the three-letter name in `names` that is next, consumed.
    private static func name(_ s: inout ByteScanner, in names: [String]) -> Int? {
        let r = s.scan(CharacterClass.token)
        guard r.count == 3 else { return nil }
        let text = s.string(r)
        return names.firstIndex { $0.caseInsensitiveEquals(text) }
    }

    // MARK: Writing

    public func write(to out: inout [UInt8]) {
        let c = components
        out.append(contentsOf: Self.weekdayNames[weekday].utf8)
        out.append(contentsOf: ", ".utf8)
        Self.pad(c.day, 2, &out)
        out.append(0x20)
        out.append(contentsOf: Self.monthNames[c.month - 1].utf8)
        out.append(0x20)
        Self.pad(c.year, 4, &out)
        out.append(0x20)
        Self.pad(c.hour, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.pad(c.minute, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.pad(c.second, 2, &out)
        out.append(contentsOf: " GMT".utf8)
    }

    private static func pad(_ v: Int, _ width: Int, _ out: inout [UInt8]) {
        let digits = String(v).utf8
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits)
    }

    public var description: String { headerText }
}
