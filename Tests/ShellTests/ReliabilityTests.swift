import Foundation
import Testing

/// Faults and hostile input through the real binary: write errors, a shrinking input file,
/// numbers out of range, deep expressions, signals, a far-future event, long lines. Nothing
/// may end weir with a crash, and nothing may be lost without a word.
@Suite("Reliability")
struct ReliabilityTests {
    static let seed = "SELECT TUMBLE_END(timestamp, INTERVAL '10' SECOND) AS we, page, COUNT(*) AS c FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"

    /// `count` in-order click events from 2024-04-25 10:00:00, `step` ms apart.
    static func events(_ count: Int, step: Int = 100, from first: Int = 0) -> String {
        (first..<(first + count)).map { i in
            let ms = i * step
            let time = String(format: "2024-04-25 %02d:%02d:%02d.%03d", 10 + ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
            return "{\"user_id\": \(i % 97), \"page\": \"/p\(i % 7)\", \"timestamp\": \"\(time)\"}\n"
        }.joined()
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "weir-reliability-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a shell command line (with `$WEIR` set to the binary); returns status and stderr.
    static func shell(_ command: String, input: String = "") throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["WEIR": weirBinary, "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        signal(SIGPIPE, SIG_IGN)
        DispatchQueue.global().async {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let errorData = Locked(Data())
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData.value = stderr.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errorData.value, as: UTF8.self))
    }

    // 1. Write errors.

    @Test("a full disk or a closed standard output stops weir with a message and status 4",
          arguments: [
              ("> /dev/full", "cannot write results to standard output: No space left on device"),
              ("--late /dev/full > /dev/null", "cannot write late events to /dev/full: No space left on device"),
              ("--errors /dev/full > /dev/null", "cannot write bad lines to /dev/full: No space left on device"),
              (">&-", "cannot write results to standard output: standard output is closed"),
              ("--late LATE >&-", "cannot write results to standard output: standard output is closed"),
          ])
    func writeErrors(_ redirection: String, _ message: String) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = Self.events(2000) + "not json\n" + "{\"page\": \"/late\", \"timestamp\": \"2024-04-25 10:00:00\"}\n" + Self.events(200, from: 2000)
        let result = try Self.shell("\"$WEIR\" -e \"\(Self.seed)\" \(redirection.replacingOccurrences(of: "LATE", with: dir + "/late"))", input: input)
        #expect(result.status == 4, "\(result.errors)")
        #expect(result.errors.contains("weir: " + message), "\(result.errors)")
        #expect(!result.errors.contains("(see --late)"))
    }

    @Test("a reader that goes away (| head -1) is a quiet exit 0")
    func closedPipe() throws {
        let result = try Self.shell("(\"$WEIR\" -e \"\(Self.seed)\"; echo \"status $?\" >&2) | head -1", input: Self.events(30_000))
        #expect(result.output.split(separator: "\n").count == 1)
        #expect(result.errors == "status 0\n", "\(result.errors)")
    }

    // 2. A mapped input file that shrinks while it is read.

    /// Starts weir on a 40 MB file (two and a half of its 16 MB mapped chunks) with its
    /// output unread, so that it blocks writing; truncates the file; then reads the rest.
    func truncateWhileReading(cores: String?) throws -> (status: Int32, errors: String) {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/clicks.ndjson"
        var text = ""
        text.reserveCapacity(42 << 20)
        let block = Self.events(10_000, step: 10)
        while text.utf8.count < 40 << 20 { text += block }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let query = "SELECT window_start, page, user_id, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(timestamp), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, page, user_id"
        let process = Process()
        if let cores {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            process.arguments = ["-c", cores, weirBinary, "--input", path, "-e", query]
        } else {
            process.executableURL = URL(fileURLWithPath: weirBinary)
            process.arguments = ["--input", path, "-e", query]
        }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        _ = stdout.fileHandleForReading.readData(ofLength: 100)
        usleep(200_000)
        truncate(path, 1 << 20)
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dir)
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }

    @Test("an input file truncated during a run ends the input at its new end, with a warning")
    func truncatedInput() throws {
        let result = try truncateWhileReading(cores: nil)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("weir: warning: the input file shrank to 1,048,576 bytes while it was read"), "\(result.errors)")
    }

    @Test("truncated inside the chunk being read (one core: no decoding ahead), still no SIGBUS",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func truncatedInsideChunk() throws {
        let result = try truncateWhileReading(cores: "0")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("weir: warning: the input file shrank to 1,048,576 bytes"), "\(result.errors)")
    }

    // 3. Numbers out of range.

    @Test("intervals and durations out of range are errors, never traps",
          arguments: [
              (["-e", "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '-9223372036854775808' SECOND)"], Int32(1), "interval out of range"),
              (["-e", "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '99999999999' DAY)"], 1, "interval out of range"),
              (["-e", "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '1e300' SECOND)"], 1, "interval out of range"),
              (["-e", "CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '9223372036854775807' HOUR); SELECT COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' SECOND)"], 1, "interval out of range"),
              (["--watermark-delay", "1e300s", "-e", seed], 2, "invalid --watermark-delay"),
              (["--idle-timeout", "999999999999d", "-e", seed], 2, "invalid --idle-timeout"),
              (["--max-event-time-skew", "1e300h", "-e", seed], 2, "invalid --max-event-time-skew"),
              (["--max-line-bytes", "99999999999999GiB", "-e", seed], 2, "invalid --max-line-bytes"),
          ])
    func outOfRange(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let result = try runWeir(arguments, input: Self.events(10))
        #expect(result.status == status, "\(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    @Test("the interval error points at the literal")
    func intervalCaret() throws {
        let result = try runWeir(["-e", "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '99999999999' DAY)"])
        #expect(result.errors.hasPrefix("""
            error: interval out of range: INTERVAL '99999999999' DAY is more than 100 years
             --> 1:56
            """), "\(result.errors)")
    }

    // 4. Deep expressions.

    static let deep: [(String, String)] = [
        ("5,000 OR terms", "SELECT page FROM clicks WHERE " + (0..<5000).map { "user_id = \($0)" }.joined(separator: " OR ")),
        ("5,000 AND terms", "SELECT page FROM clicks WHERE " + (0..<5000).map { "user_id <> \($0 + 100)" }.joined(separator: " AND ")),
        ("998 + terms", "SELECT page FROM clicks WHERE " + Array(repeating: "user_id", count: 998).joined(separator: " + ") + " >= 0"),
        ("998 nested calls", "SELECT page FROM clicks WHERE " + String(repeating: "ABS(", count: 998) + "user_id" + String(repeating: ")", count: 998) + " >= 0"),
        ("990 parentheses", "SELECT page FROM clicks WHERE " + String(repeating: "(", count: 990) + "user_id >= 0" + String(repeating: ")", count: 990)),
    ]

    @Test("deep expressions up to the stated depth run", arguments: deep)
    func deepButAllowed(_ name: String, _ query: String) throws {
        let result = try runWeir(["-e", query], input: Self.events(20))
        #expect(result.status == 0, "\(name): \(result.errors.prefix(500))")
        #expect(result.output.split(separator: "\n").count == 20, "\(name)")
    }

    @Test("deeper expressions are refused with an error, never a stack overflow",
          arguments: [
              "SELECT page FROM clicks WHERE " + Array(repeating: "user_id", count: 5000).joined(separator: " + ") + " > 0",
              "SELECT page FROM clicks WHERE " + String(repeating: "(", count: 10_000) + "user_id > 1" + String(repeating: ")", count: 10_000),
              "SELECT page, " + String(repeating: "- ", count: 5000) + "user_id AS n FROM clicks",
              "SELECT page FROM clicks WHERE " + String(repeating: "NOT ", count: 5000) + "user_id > 1",
              "SELECT " + String(repeating: "CASE WHEN user_id > 0 THEN ", count: 3000) + "1" + String(repeating: " END", count: 3000) + " FROM clicks",
          ])
    func tooDeep(_ query: String) throws {
        let result = try runWeir(["-e", query], input: Self.events(20))
        #expect(result.status == 1, "\(result.errors.prefix(500))")
        #expect(result.errors.hasPrefix("error: expression nested too deeply: more than 1000 levels"), "\(result.errors.prefix(500))")
    }

    // 5. Signals.

    @Test("SIGTERM, SIGINT, SIGHUP and SIGQUIT stop a live run with a report and 128 + the signal",
          arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT")])
    func signals(_ signal: Int32, _ name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weirBinary)
        process.arguments = ["-e", Self.seed]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // 25 s of events: two windows fire, the third (10:00:20 to 10:00:30) stays open.
        stdin.fileHandleForWriting.write(Data(Self.events(250).utf8))
        var pollDescriptor = pollfd(fd: stdout.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pollDescriptor, 1, 15_000) == 1)
        usleep(200_000)
        kill(process.processIdentifier, signal)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal, "\(errors)")
        #expect(errors.contains("weir: stopped by \(name) after 250 input lines; 50 events in 1 window that had not closed were not reported"), "\(errors)")
        #expect(!errors.contains("crashed"))
        #expect(String(decoding: output, as: UTF8.self).split(separator: "\n").count == 14)
    }

    // 6. A far-future event.

    static let farFuture = events(1000) + "{\"user_id\": 1, \"page\": \"/future\", \"timestamp\": \"9999-01-01 00:00:00\"}\n" + events(1000, from: 1000)

    @Test("an event that moves the watermark years ahead is named at the first late event")
    func farFutureWarning() throws {
        let result = try runWeir(["-e", Self.seed], input: Self.farFuture)
        #expect(result.status == 0)
        #expect(result.errors.contains("weir: warning: line 1002 is late: line 1001 moved the watermark to 9999-01-01 00:00:00, 7,975 years ahead of it"), "\(result.errors)")
        #expect(result.errors.contains("weir: 1,000 late events not counted"), "\(result.errors)")
    }

    @Test("--max-event-time-skew makes such an event a bad line, kept by --errors")
    func maxEventTimeSkew() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try runWeir(["--max-event-time-skew", "1h", "--errors", dir + "/bad", "-e", Self.seed], input: Self.farFuture)
        #expect(result.status == 0)
        #expect(result.errors.contains("weir: line 1001: event time timestamp is 7,975 years ahead of the watermark, more than --max-event-time-skew 1 h"), "\(result.errors)")
        #expect(!result.errors.contains("late"), "\(result.errors)")
        #expect(try String(contentsOfFile: dir + "/bad", encoding: .utf8) == "{\"user_id\": 1, \"page\": \"/future\", \"timestamp\": \"9999-01-01 00:00:00\"}\n")
        let alone = try runWeir(["-e", Self.seed], input: Self.events(2000))
        #expect(result.output == alone.output)
    }

    // 9. Long lines.

    @Test("a line longer than --max-line-bytes is a bad line, kept whole by --errors, not held")
    func longLines() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = "{\"page\": \"/long\", \"pad\": \"" + String(repeating: "x", count: 3 << 20) + "\", \"timestamp\": \"2024-04-25 10:00:00.5\"}"
        let short = "{\"page\": \"/s\", \"pad\": \"" + String(repeating: "y", count: 2000) + "\", \"timestamp\": \"2024-04-25 10:00:00.6\"}"
        let input = Self.events(5) + long + "\n" + short + "\n" + Self.events(5, from: 5) + long
        let result = try runWeir(["--max-line-bytes", "1KiB", "--errors", dir + "/bad", "-e", Self.seed], input: input)
        #expect(result.status == 0)
        #expect(result.errors.contains("weir: line 6: line longer than 1 KiB (--max-line-bytes)"), "\(result.errors)")
        #expect(result.errors.contains("weir: line 7: line longer than 1 KiB (--max-line-bytes)"), "\(result.errors)")
        #expect(result.errors.contains("weir: line 13: line longer than 1 KiB (--max-line-bytes)"), "\(result.errors)")
        #expect(result.errors.contains("weir: 3 bad lines skipped"), "\(result.errors)")
        #expect(try String(contentsOfFile: dir + "/bad", encoding: .utf8) == long + "\n" + short + "\n" + long + "\n")
        #expect(result.output == (try runWeir(["-e", Self.seed], input: Self.events(10))).output)
    }

    @Test("a change event that cannot be applied is a bad line: skipped, named, kept")
    func badChangeEvents() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = #"{"before": null, "after": {"id": 1, "name": "A", "category": "books", "price": 10.5, "updated_at": "2024-04-25 10:00:00"}, "op": "c"}"#
        let bad = [#"{"after": {"id": 2}}"#, #"{"op": "u", "after": {"id": 1, "category": "x", "price": 1}}"#, #"{"op": "x"}"#, "[1]"]
        let input = ([good] + bad).joined(separator: "\n") + "\n"
        let result = try runWeir(["--errors", dir + "/bad", "queries/product_catalog_cdc.sql"], input: input)
        #expect(result.status == 0)
        #expect(result.output == #"{"op":"+I","category":"books","products":1,"cheapest":10.50,"dearest":10.50,"average":10.500000}"# + "\n")
        #expect(result.errors.contains("weir: line 2: bad change event: no op"), "\(result.errors)")
        #expect(result.errors.contains("weir: line 3: bad change event: an update without before"), "\(result.errors)")
        #expect(result.errors.contains("weir: 4 bad lines skipped"), "\(result.errors)")
        #expect(try String(contentsOfFile: dir + "/bad", encoding: .utf8) == bad.joined(separator: "\n") + "\n")
    }

    // 10. Late events at the watermark.

    @Test("late events within 1 ms of the watermark are explained in the closing summary")
    func lateAtWatermark() throws {
        let input = """
            {"page": "/a", "timestamp": "2024-04-25 10:00:09.999"}
            {"page": "/a", "timestamp": "2024-04-25 10:00:09.999"}
            {"page": "/a", "timestamp": "2024-04-25 10:00:12"}
            {"page": "/a", "timestamp": "2024-04-25 10:00:01"}

            """
        let result = try runWeir(["-e", Self.seed], input: input)
        #expect(result.errors.contains("weir: 2 late events not counted"), "\(result.errors)")
        #expect(result.errors.contains("weir: 1 of them was at most 1 ms behind the watermark"), "\(result.errors)")
    }
}

/// A value written by one thread and read by another after it finished.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

@Suite("Updating results on the command line")
struct UpdatingResultTests {
    /// users_by_clicks runs as an operator graph; clicks_so_far, one table's aggregation, as
    /// one window over the whole input.
    @Test("--final prints only the final table of an updating result, with no op", arguments: ["users_by_clicks", "clicks_so_far"])
    func finalTable(_ name: String) throws {
        let input = try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8)
        let changes = try runWeir(["queries/\(name).sql"], input: input)
        let final = try runWeir(["--final", "queries/\(name).sql"], input: input)
        #expect(final.status == 0)
        #expect(!final.output.contains("\"op\""))
        // The changelog applied gives the same rows.
        var table: [String: Int] = [:]
        for line in changes.output.split(separator: "\n") {
            let op = String(line.dropFirst(7).prefix(2))
            let row = "{" + line.dropFirst(11)
            table[row, default: 0] += op == "+I" || op == "+U" ? 1 : -1
        }
        let expected = table.filter { $0.value > 0 }.keys.sorted()
        #expect(final.output.split(separator: "\n").map(String.init).sorted() == expected)
    }
}

extension UpdatingResultTests {
    @Test("--format debezium writes changes that weir reads back as a change-data-capture table")
    func debeziumRoundTrip() throws {
        let input = try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8)
        let changes = try runWeir(["--format", "debezium", "queries/clicks_so_far.sql"], input: input)
        #expect(changes.status == 0)
        #expect(changes.output.hasPrefix(#"{"before":null,"after":{"page":"#))
        #expect(changes.output.contains(#","after":null,"op":"d"}"#))
        let readBack = try runWeir(["--final", "-e", "CREATE TABLE t (page STRING, clicks BIGINT, users BIGINT) WITH ('format' = 'debezium-json'); SELECT page, clicks, users FROM t"],
                                   input: changes.output)
        let direct = try runWeir(["--final", "queries/clicks_so_far.sql"], input: input)
        #expect(readBack.output.split(separator: "\n").sorted() == direct.output.split(separator: "\n").sorted())
    }
}

@Suite("Following a log")
struct FollowTests {
    /// Waits (up to 20 s) until the file holds `text`.
    func waitFor(_ text: String, in path: String) -> Bool {
        for _ in 0..<400 {
            if let contents = try? String(contentsOfFile: path, encoding: .utf8), contents.contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    @Test("--follow reads a log as it grows, across a rotation and a truncation, until a signal stops it")
    func follow() throws {
        let dir = NSTemporaryDirectory() + "weir-follow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/clicks.log", out = dir + "/out", err = dir + "/err"
        try #"{"page": "/a"}"#.appending("\n").write(toFile: log, atomically: false, encoding: .utf8)
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weirBinary)
        process.arguments = ["--follow", "--input", log, "-e", "SELECT page FROM clicks"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        func append(_ page: String, to path: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(#"{"page": "\#(page)"}"#.appending("\n").utf8))
            try handle.close()
        }
        #expect(waitFor(#"{"page":"/a"}"#, in: out))
        try append("/b", to: log)
        #expect(waitFor(#"{"page":"/b"}"#, in: out))
        // Rotation: the log renamed away, a new one in its place.
        try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
        FileManager.default.createFile(atPath: log, contents: nil)
        try append("/c", to: log)
        #expect(waitFor(#"{"page":"/c"}"#, in: out))
        // Truncation (copytruncate): cut to nothing, seen (the reader looks every 100 ms; a
        // generous pause, as the suite runs on two busy cores), then written again.
        try Data().write(to: URL(fileURLWithPath: log))
        usleep(1_500_000)
        try append("/d", to: log)
        #expect(waitFor(#"{"page":"/d"}"#, in: out))
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let rows = try String(contentsOfFile: out, encoding: .utf8)
        #expect(rows == #"{"page":"/a"}"# + "\n" + #"{"page":"/b"}"# + "\n" + #"{"page":"/c"}"# + "\n" + #"{"page":"/d"}"# + "\n")
        #expect(try String(contentsOfFile: err, encoding: .utf8).contains("across 1 rotation and 1 truncation"))
    }
}
