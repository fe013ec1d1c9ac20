#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW

/// Keeps the terminal usable whatever ends the console.
///
/// SIGINT, SIGTERM and SIGHUP ask the UI loop to quit (it restores the terminal and returns,
/// so an in-process engine is stopped cleanly by its owner); a second one, or a fatal signal
/// (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT), restores the terminal at once and re-raises.
enum TerminalSignals {
    // Written only by signal handlers and read by the UI loop: one aligned word, as sig_atomic_t.
    nonisolated(unsafe) private static var pending: Int32 = 0

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT]

    /// The signal that asked to quit, if any.
    static var pendingQuitSignal: Int32? { pending == 0 ? nil : pending }

    /// Installs the handlers; returns the previous ones for `restore`.
    static func install() -> [(Int32, sighandler_t?)] {
        pending = 0
        var previous: [(Int32, sighandler_t?)] = []
        for sig in quitSignals {
            previous.append((sig, signal(sig) { sig in
                if TerminalSignals.pending != 0 {
                    endwin()
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
                TerminalSignals.pending = sig
            }))
        }
        for sig in fatalSignals {
            previous.append((sig, signal(sig) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }))
        }
        return previous
    }

    /// Puts back the handlers `install` replaced.
    static func restore(_ previous: [(Int32, sighandler_t?)]) {
        for (sig, handler) in previous {
            signal(sig, handler)
        }
    }
}
