import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process running on a pseudo-terminal: what is typed goes to its terminal, what it
/// prints is read back. Waits are for text to appear, never for a fixed time.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var screen = ""

    /// Starts `executable` in the current directory with a terminal of 120 × 50.
    init(executable: String, arguments: [String] = [], environment: [String: String]) throws {
        // posix_openpt and friends need _GNU_SOURCE, which Swift's Glibc module lacks: the
        // Linux ioctls do the same (TIOCSPTLCK unlocks, TIOCGPTN names the slave).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw POSIXError(.EIO)
        }
        let slavePath = "/dev/pts/\(number)"
        var winsize = winsize(ws_row: 50, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &winsize)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // `setsid --ctty --wait` gives the program a session whose controlling terminal is the
        // pseudo-terminal, so a typed Ctrl-C raises SIGINT as on a real terminal.
        let launcher = "/usr/bin/setsid"
        let argv = ([launcher, "--ctty", "--wait", executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, launcher, &actions, nil, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until `text` appears after `from` in the screen (or 20 s pass); returns whether it did.
    @discardableResult
    func waitFor(_ text: String, after from: String.Index? = nil) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let start = from ?? screen.startIndex
            if screen[start...].contains(text) { return true }
            drain()
        }
        return false
    }

    /// Waits until the shell sits at its prompt: the screen ends with `weir> `.
    @discardableResult
    func waitForPrompt() -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if screen.hasSuffix("weir> ") { return true }
            drain()
        }
        return false
    }

    /// Reads what has arrived, waiting up to 100 ms for something.
    func drain() {
        var pollDescriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        _ = poll(&pollDescriptor, 1, 100)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(master, &buffer, buffer.count)
        if n > 0 { screen += String(decoding: buffer[0..<n], as: UTF8.self) }
    }

    /// Waits for the process to exit and returns its status.
    func exitStatus() -> Int32? {
        let deadline = Date().addingTimeInterval(20)
        var status: Int32 = 0
        while Date() < deadline {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
            }
        }
        return nil
    }

    var end: String.Index { screen.endIndex }
}
