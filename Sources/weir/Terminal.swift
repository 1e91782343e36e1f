#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-level I/O of the executable: the only place that writes to file descriptors.
enum Terminal {
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// What each descriptor that results, late events or bad lines go to holds, for the
    /// message when a write to it fails ("results to standard output").
    nonisolated(unsafe) static var targets: [Int32: String] = [1: "results to standard output"]
    /// Set when standard output was closed at start (`weir … >&-`): descriptor 1 then holds
    /// /dev/null opened for reading, so that no file opened later takes its place and every
    /// write to it fails.
    nonisolated(unsafe) static var standardOutputClosed = false

    /// Exit status when results, late events or bad lines could not be written.
    static let writeFailureStatus: Int32 = 4

    /// Writes all bytes to a descriptor. A closed pipe on standard output (`weir … | head -1`)
    /// ends the process quietly with status 0: the reader wanted no more. Any other failure
    /// (a full disk, a closed descriptor, a reader of `--late` that went away) ends it with a
    /// message naming what could not be written and status 4: rows are never dropped silently.
    /// Failures on standard error are ignored: there is nowhere left to say so.
    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        if fd == 1, progressShown {
            // Results go to the same terminal: off the progress line first.
            progressShown = false
            write(2, Array("\r\u{1B}[K".utf8))
        }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if fd == 2 { return }
                    if errno == EPIPE, fd == 1 { exit(0) }
                    writeFailed(fd, errno: errno)
                }
                offset += n
            }
        }
    }

    private static func writeFailed(_ fd: Int32, errno code: Int32) -> Never {
        let what = targets[fd] ?? "to descriptor \(fd)"
        let reason = fd == 1 && standardOutputClosed ? "standard output is closed" : String(cString: strerror(code))
        printError("weir: cannot write \(what): \(reason); stopping")
        exit(writeFailureStatus)
    }

    /// Gives closed standard descriptors a placeholder, so that a file opened later never
    /// becomes "standard output" by accident. Standard output gets /dev/null opened read-only:
    /// writing results there fails, and is reported, instead of vanishing.
    static func guardStandardDescriptors() {
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY)
            if placeholder >= 0, placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
            if fd == 1 { standardOutputClosed = true }
        }
    }

    static func write(_ fd: Int32, _ text: String) {
        write(fd, Array(text.utf8))
    }

    static func printError(_ text: String) {
        if progressShown {
            // A message goes above the progress line, which the next tick draws again.
            write(2, "\r\u{1B}[K")
            progressShown = false
        }
        write(2, text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Whether a progress line stands on standard error's last line.
    nonisolated(unsafe) static var progressShown = false

    /// Opens (truncating) a file for writing late events or bad lines.
    static func openForWriting(_ path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        return fd >= 0 ? fd : nil
    }

    /// A text file's contents, or why it cannot be read (`No such file or directory`,
    /// `Is a directory`).
    static func readFile(_ path: String) -> Result<String, FileError> {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileError(path: path, reason: "Is a directory")) }
        guard let file = fopen(path, "rb") else { return .failure(FileError(path: path, reason: String(cString: strerror(errno)))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        if ferror(file) != 0 { return .failure(FileError(path: path, reason: String(cString: strerror(errno)))) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    struct FileError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The signal that asked weir to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or 0.
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    /// The signals that stop a run: it stops reading, reports what the windows that had not
    /// closed held, prints the closing totals and exits with 128 + the signal's number.
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(signal)"
        }
    }

    /// SIGPIPE is ignored (writes report EPIPE instead). The stop signals set `interrupted`
    /// and make a blocked read return (no SA_RESTART), so the run stops after flushing what
    /// has fired. A second stop signal while stopping ends the process at once.
    static func installSignalHandlers() {
        signal(SIGPIPE, SIG_IGN)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if Terminal.interrupted != 0, signal != SIGINT {
                _exit(128 + signal)
            }
            Terminal.interrupted = signal
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var mask = sigset_t()
        sigemptyset(&mask)
        for stop in stopSignals {
            sigaction(stop, &action, nil)
            sigaddset(&mask, stop)
        }
        // A parent may have blocked them (test runners do); Ctrl-C must reach us.
        sigprocmask(SIG_UNBLOCK, &mask, nil)
    }
}
