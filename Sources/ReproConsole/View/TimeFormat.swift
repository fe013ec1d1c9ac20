#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times and durations as the panes show them.
enum TimeFormat {
    /// Local wall-clock `HH:MM:SS.mmm` of milliseconds since 1970.
    static func clock(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return pad(Int(parts.tm_hour)) + ":" + pad(Int(parts.tm_min)) + ":" + pad(Int(parts.tm_sec)) + "."
            + pad(Int(milliseconds % 1000), width: 3)
    }

    /// `1d 02:03:04`, `02:03:04`.
    static func uptime(seconds: Double) -> String {
        let total = Int(max(seconds, 0))
        let days = total / 86400
        let clock = pad(total / 3600 % 24) + ":" + pad(total / 60 % 60) + ":" + pad(total % 60)
        return days > 0 ? "\(days)d \(clock)" : clock
    }

    /// A countdown: `59s`, `4m05s`, `1h02m`.
    static func remaining(seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" + pad(seconds % 60) + "s" }
        return "\(seconds / 3600)h" + pad(seconds / 60 % 60) + "m"
    }

    static func pad(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Monotonic seconds, for countdowns and redraw pacing.
enum MonotonicClock {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
