import ArgumentParser
import Foundation

/// Reads a password: from a terminal prompt with echo off, or from standard
/// input with `--password-stdin`. A password is never a command-line argument,
/// because arguments are visible to every user through `ps` and shell history.
enum PasswordInput {
    /// Reads a password as the flags ask; with a prompt, asks twice and compares.
    static func read(fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            // One line; the trailing newline (and a CR from Windows editors) is not part of it.
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw StoreCommandError("--password-stdin: standard input is empty")
            }
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard !password.isEmpty else { throw StoreCommandError("the password is empty") }
            return password
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw StoreCommandError("standard input is not a terminal: use --password-stdin to pipe a password")
        }
        let first = try prompt("Password: ")
        guard !first.isEmpty else { throw StoreCommandError("the password is empty") }
        let second = try prompt("Repeat password: ")
        guard first == second else { throw StoreCommandError("the passwords do not match") }
        return first
    }

    /// Prompts on standard error and reads one line with echo turned off (termios).
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw StoreCommandError("cannot read the terminal settings") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else {
            throw StoreCommandError("cannot turn off echo on the terminal")
        }
        // Restore echo even when reading fails, so the shell is left usable.
        defer { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        guard let line = Swift.readLine(strippingNewline: true) else { throw StoreCommandError("no password entered") }
        return line
    }
}
