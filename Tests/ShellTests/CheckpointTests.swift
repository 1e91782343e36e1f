import Foundation
import Testing

/// `--checkpoint DIR` through the real binary: runs killed (SIGKILL at random moments and
/// at injected points inside a snapshot write and a sink commit, SIGTERM too) and restarted
/// until they finish must leave exactly what one uninterrupted run leaves, byte for byte,
/// with every input line counted once. The long variant is `scripts/chaos`.
@Suite("Checkpoints", .serialized)
struct CheckpointTests {
    static let generator = URL(fileURLWithPath: weirBinary).deletingLastPathComponent().appendingPathComponent("weir-gen").path

    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "weir-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// Generated clicks with late events and bad lines, into `name`.
    func generate(_ name: String, events: Int, seed: Int = 5) throws -> String {
        let path = dir + "/" + name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.generator)
        process.arguments = ["--events", "\(events)", "--seed", "\(seed)", "--rate", "300", "--pages", "200",
                             "--jitter", "3000", "--late-fraction", "0.01", "--bad-fraction", "0.002"]
        FileManager.default.createFile(atPath: path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
        process.waitUntilExit()
        return path
    }

    /// Starts weir in the test's directory; standard error goes to `err`.
    /// Waits (at most 20 s) until `process` holds `path` open: a log rotated before weir opened
    /// it was never weir's to read, so a test that rotates must not race weir's start.
    func waitUntilOpened(_ process: Process, _ path: String) {
        let fds = "/proc/\(process.processIdentifier)/fd"
        let wanted = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<2_000 {
            guard process.isRunning else { return }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? []
            if open.contains(where: { (try? FileManager.default.destinationOfSymbolicLink(atPath: fds + "/" + $0)) == wanted }) { return }
            usleep(10_000)
        }
    }

    func start(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weirBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
        FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// The exit status, 128 + the signal for a process a signal ended (as a shell says).
    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> (Int32, String) {
        let process = try start(arguments, environment: environment, stdin: stdin)
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "")
    }

    /// Runs until it finishes: first with each injected fault, then killed after each delay
    /// (SIGTERM every third time, else SIGKILL), then to the end. Returns the last stderr.
    func runToTheEnd(_ arguments: [String], faults: [String], delays: [Double]) throws -> String {
        for fault in faults {
            let (status, errors) = try run(arguments, environment: ["WEIR_FAULT": fault])
            #expect(status == 137 || status == 0, "\(fault): \(errors)")
        }
        for (i, delay) in delays.enumerated() {
            let process = try start(arguments)
            usleep(UInt32(delay * 1_000_000))
            guard process.isRunning else {
                // It finished: a run after a finished one is refused, so that is the end.
                process.waitUntilExit()
                let errors = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
                // The kill before it may have landed after that run's last checkpoint: then this
                // run is the refused one.
                if process.terminationStatus == 1, errors.contains(Self.finishedRefusal) { return errors }
                #expect(process.terminationStatus == 0, "\(errors)")
                #expect(i >= delays.count / 2, "finished after only \(i) kills: make the input longer")
                return errors
            }
            kill(process.processIdentifier, i % 3 == 2 ? SIGTERM : SIGKILL)
            process.waitUntilExit()
        }
        let (status, errors) = try run(arguments)
        #expect(status == 0 || (status == 1 && errors.contains(Self.finishedRefusal)), "\(errors)")
        return errors
    }

    /// What a run says when the checkpoint it would resume is of a run that finished.
    static let finishedRefusal = "is of a run that finished"

    func read(_ name: String) -> Data { FileManager.default.contents(atPath: dir + "/" + name) ?? Data() }

    /// Two files hold the same bytes (compared without a diff: a diff of megabytes takes hours).
    func expectSame(_ a: String, _ b: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (x, y) = (read(a), read(b))
        let prefix = zip(x, y).prefix { $0 == $1 }.count
        #expect(x == y ? true : false, "\(a) (\(x.count) bytes) and \(b) (\(y.count) bytes) differ from byte \(prefix)", sourceLocation: sourceLocation)
    }

    static let windowed = """
        CREATE TABLE clicks (user_id BIGINT, page STRING, `timestamp` TIMESTAMP(3),
          WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
        SELECT window_start, window_end, page, COUNT(*) AS c, SUM(user_id) AS s
        FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, page;
        """

    @Test("a windowed query killed 20 times writes its results, late events and bad lines exactly once")
    func windowedExactlyOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Long enough that the runs end only after half the kills, also now that weir reads it faster
        // (600,000 ran out after 7 kills in one run of eleven).
        let input = try generate("clicks.ndjson", events: 900_000)
        try Self.windowed.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        let (status, reference) = try run(["q.sql", "--input", input, "--output", "ref.out", "--late", "ref.late", "--errors", "ref.err", "--quiet"])
        #expect(status == 0, "\(reference)")
        let arguments = ["q.sql", "--input", input, "--output", "out", "--late", "late", "--errors", "err.lines", "--quiet",
                         "--checkpoint", "state", "--checkpoint-interval", "10ms"]
        var random = SplitMix(seed: 11)
        let delays = (0..<18).map { _ in 0.03 + Double(random.next() % 200) / 1000 }
        let last = try runToTheEnd(arguments, faults: ["checkpoint-write:2", "checkpoint-write:3"], delays: delays)
        expectSame("out", "ref.out")
        expectSame("late", "ref.late")
        expectSame("err.lines", "ref.err")
        #expect(!read("out").isEmpty && !read("late").isEmpty && !read("err.lines").isEmpty)
        // The closing totals count each line once: the same as the uninterrupted run's.
        let totals = { (text: String) in text.split(separator: "\n").filter { $0.contains("skipped") || $0.contains("not counted") } }
        if !last.contains(Self.finishedRefusal) { #expect(totals(last) == totals(reference), "\(last)") }
        // Every line is counted once: events + bad lines = lines of the input.
        let description = try shellOutput("\(weirBinary) checkpoint inspect state")
        #expect(description.contains("900,000 lines"), "\(description)")
        #expect(description.contains("the run finished"))
    }

    @Test("inserts into SQLite and into part files, killed inside commits and snapshot writes, hold each row once")
    func sinksExactlyOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 500_000, seed: 8)
        let script = """
            CREATE TABLE clicks (user_id BIGINT, page STRING, `timestamp` TIMESTAMP(3),
              WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND);
            CREATE TABLE counts (window_start TIMESTAMP(3), page STRING, c BIGINT)
              WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:DB', 'table-name' = 'counts', 'sink.buffer-flush.max-rows' = '40');
            CREATE TABLE totals (page STRING, c BIGINT, PRIMARY KEY (page) NOT ENFORCED)
              WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:DB', 'table-name' = 'totals', 'sink.buffer-flush.max-rows' = '40');
            CREATE TABLE files (window_start TIMESTAMP(3), page STRING, c BIGINT)
              WITH ('connector' = 'filesystem', 'path' = 'PARTS', 'format' = 'json');
            EXECUTE STATEMENT SET BEGIN
            INSERT INTO counts SELECT window_start, page, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
            INSERT INTO files SELECT window_start, page, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
            END;
            """
        func prepare(_ name: String) throws -> [String] {
            let db = dir + "/\(name).db"
            _ = try shellOutput("sqlite3 \(db) 'CREATE TABLE counts (window_start TEXT, page TEXT, c INTEGER); CREATE TABLE totals (page TEXT PRIMARY KEY, c INTEGER)'")
            try script.replacingOccurrences(of: "DB", with: db).replacingOccurrences(of: "PARTS", with: dir + "/\(name)-parts")
                .write(toFile: dir + "/\(name).sql", atomically: true, encoding: .utf8)
            return ["\(name).sql", "--input", input, "--late", "\(name).late", "--errors", "\(name).err", "--quiet"]
        }
        let (status, errors) = try run(try prepare("ref"))
        #expect(status == 0, "\(errors)")
        var random = SplitMix(seed: 5)
        let delays = (0..<14).map { _ in 0.05 + Double(random.next() % 200) / 1000 }
        _ = try runToTheEnd(try prepare("run") + ["--checkpoint", "state", "--checkpoint-interval", "10ms"],
                            faults: ["sink-commit:5", "sink-commit:60", "checkpoint-write:4"], delays: delays)
        let dump = { (name: String) in try shellOutput("sqlite3 \(dir)/\(name).db 'SELECT * FROM counts ORDER BY rowid'") }
        let dumped = (try dump("run"), try dump("ref"))
        #expect(dumped.0 == dumped.1 ? true : false, "the tables differ: \(dumped.0.count) and \(dumped.1.count) bytes")
        #expect(try dump("ref").split(separator: "\n").count > 1000)
        expectSame("run-parts/part-0.json", "ref-parts/part-0.json")
        expectSame("run.late", "ref.late")
        expectSame("run.err", "ref.err")
        let progress = try shellOutput("sqlite3 \(dir)/run.db 'SELECT COUNT(*) FROM weir_sink_progress'")
        #expect(progress.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test("an aggregation without a window (its state holds every key) is replayed whole and changes nothing twice")
    func updatingExactlyOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 150_000, seed: 2)
        try "SELECT page, COUNT(*) AS c, MAX(user_id) AS m FROM clicks GROUP BY page;".write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        let (status, errors) = try run(["q.sql", "--input", input, "--output", "ref.out", "--quiet"])
        #expect(status == 0, "\(errors)")
        var random = SplitMix(seed: 3)
        let delays = (0..<8).map { _ in 0.1 + Double(random.next() % 400) / 1000 }
        _ = try runToTheEnd(["q.sql", "--input", input, "--output", "out", "--quiet", "--checkpoint", "state", "--checkpoint-interval", "10ms"],
                            faults: [], delays: delays)
        expectSame("out", "ref.out")
    }

    @Test("a LEFT interval join of two files, killed and restarted, writes what one run writes, and every run writes it in one order")
    func joinOfTwoInputs() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var random = SplitMix(seed: 4)
        var impressions = "", clicks = ""
        var time = 1_714_039_200_000
        for _ in 0..<150_000 {
            time += Int(random.next() % 20)
            let ad = 1 + random.next() % 3000
            impressions += "{\"ad_id\": \(ad), \"ts\": \(time - Int(random.next() % 800))}\n"
            if random.next() % 10 < 3 {
                clicks += "{\"ad_id\": \(ad), \"ts\": \(time + Int(random.next() % 7000)), \"cost\": \(random.next() % 100)}\n"
            }
        }
        try impressions.write(toFile: dir + "/impressions.ndjson", atomically: true, encoding: .utf8)
        try clicks.write(toFile: dir + "/clicks.ndjson", atomically: true, encoding: .utf8)
        try """
            CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
              WITH ('connector' = 'filesystem', 'path' = 'impressions.ndjson', 'format' = 'json');
            CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
              WITH ('connector' = 'filesystem', 'path' = 'clicks.ndjson', 'format' = 'json');
            SELECT i.ad_id, i.ts AS shown, c.cost
            FROM impressions i LEFT JOIN ad_clicks c
              ON i.ad_id = c.ad_id AND c.ts BETWEEN i.ts AND i.ts + INTERVAL '5' SECOND;
            """.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        // Two processes (two hash seeds) write the same bytes: padded rows go out in time order.
        _ = try run(["q.sql", "--output", "ref.out", "--quiet"])
        _ = try run(["q.sql", "--output", "ref2.out", "--quiet"])
        expectSame("ref.out", "ref2.out")
        let delays = (0..<8).map { _ in 0.1 + Double(random.next() % 300) / 1000 }
        _ = try runToTheEnd(["q.sql", "--output", "out", "--quiet", "--checkpoint", "state", "--checkpoint-interval", "10ms"],
                            faults: ["checkpoint-write:3"], delays: delays)
        expectSame("out", "ref.out")
    }

    @Test("standard input resumes from the byte the checkpoint names")
    func standardInput() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 100_000)
        try Self.windowed.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        _ = try run(["q.sql", "--input", input, "--output", "ref.out", "--quiet"])
        // A pipe cannot be read again: the snapshot keeps the bytes of the open windows. The
        // writer pauses after 3 MB; weir, stopped by SIGTERM there, takes a last checkpoint.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weirBinary)
        process.arguments = ["q.sql", "--output", "out", "--quiet", "--checkpoint", "state"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let head = try #require(FileManager.default.contents(atPath: input)).prefix(3_000_000)
        pipe.fileHandleForWriting.write(head)
        usleep(1_500_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        try pipe.fileHandleForWriting.close()
        let first = try shellOutput("\(weirBinary) checkpoint inspect state")
        #expect(first.contains("(kept in the checkpoint)"), "\(first)")
        let marker = "read to byte "
        let digits = try #require(first.components(separatedBy: marker).dropFirst().first?.prefix { $0.isNumber || $0 == "," })
        let offset = try #require(Int(digits.replacingOccurrences(of: ",", with: "")))
        #expect(offset > 2_900_000 && offset <= 3_000_000, "\(first)")
        // Another stream (here the right one from a byte too late) or another --input-id: refused.
        let wrong = try shellOutput("tail -c +\(offset + 11) \(input) | \(weirBinary) q.sql --output out --quiet --checkpoint state 2>&1; echo status $?")
        #expect(wrong.contains("standard input does not continue where checkpoint") && wrong.contains("status 1"), "\(wrong)")
        let named = try shellOutput("tail -c +\(offset + 1) \(input) | \(weirBinary) q.sql --output out --quiet --checkpoint state --input-id other 2>&1; echo status $?")
        #expect(named.contains("this run is told 'other'") && named.contains("status 1"), "\(named)")
        let second = try shellOutput("tail -c +\(offset + 1) \(input) | \(weirBinary) q.sql --output out --quiet --checkpoint state 2>&1")
        #expect(second.contains("standard input must continue from there: tail -c +\(offset + 1)"), "\(second)")
        expectSame("out", "ref.out")
    }

    @Test("--follow with --checkpoint survives kills while the log is appended to and rotated")
    func followAcrossKillsAndRotations() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 60_000)
        let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try Self.windowed.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        let log = dir + "/clicks.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let arguments = ["q.sql", "--follow", "--input", log, "--output", "out", "--late", "late", "--errors", "bad", "--quiet",
                         "--checkpoint", "state", "--checkpoint-interval", "10ms"]
        var process = try start(arguments)
        // Lines rotated away before the first run opened the log were never its to read (a
        // restart finds the files rotated while it was down from its checkpoint).
        waitUntilOpened(process, log)
        var written = 0, step = 0, rotations = 0
        var random = SplitMix(seed: 9)
        func append(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }
        func rotate() throws {
            rotations += 1
            try FileManager.default.moveItem(atPath: log, toPath: log + ".\(rotations)")
            FileManager.default.createFile(atPath: log, contents: nil)
        }
        while written < lines.count {
            let n = min(lines.count - written, 2000 + Int(random.next() % 6000))
            try append(lines[written..<(written + n)].joined(separator: "\n") + "\n")
            written += n
            step += 1
            usleep(UInt32(20_000 + random.next() % 100_000))
            if step % 3 == 0 {
                kill(process.processIdentifier, step % 2 == 0 ? SIGKILL : SIGTERM)
                process.waitUntilExit()
                if step % 2 == 0 { try rotate() }
                process = try start(arguments)
            } else if step % 4 == 1 {
                try rotate()
            }
        }
        // A far event closes every window of the input; then the job is stopped.
        let sentinel = #"{"user_id": 1, "page": "/end", "timestamp": "2030-01-01 00:00:00"}"#
        try append(sentinel + "\n")
        usleep(1_500_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(rotations >= 4)
        try (lines.joined(separator: "\n") + "\n" + sentinel + "\n").write(toFile: dir + "/all", atomically: true, encoding: .utf8)
        _ = try run(["q.sql", "--input", "all", "--output", "ref.out", "--late", "ref.late", "--errors", "ref.bad", "--quiet"])
        // The uninterrupted run also fires the sentinel's window at the end of its input.
        var reference = String(decoding: read("ref.out"), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        reference.removeAll { $0.contains("/end") }
        let followed = String(decoding: read("out"), as: UTF8.self)
        let expected = reference.joined(separator: "\n")
        #expect(followed == expected ? true : false, "out: \(followed.count) bytes, expected \(expected.count)")
        expectSame("late", "ref.late")
        expectSame("bad", "ref.bad")
    }

    @Test("a followed log's long replay is read again from the log, found by its inode after a rotation")
    func longReplayFromTheLog() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 260_000)
        let hourly = Self.windowed.replacingOccurrences(of: "INTERVAL '10' SECOND", with: "INTERVAL '1' HOUR")
        try hourly.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: input, toPath: dir + "/clicks.log")
        let arguments = ["q.sql", "--follow", "--input", "clicks.log", "--output", "out", "--quiet", "--checkpoint", "state",
                         "--checkpoint-interval", "200ms"]
        let first = try start(arguments)
        // Until a checkpoint holds the whole log (19 MB: more than is kept in a checkpoint).
        var described = ""
        for _ in 0..<300 where !described.contains("260,000 lines") {
            usleep(100_000)
            described = try shellOutput("\(weirBinary) checkpoint inspect state 2>/dev/null")
        }
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        described = try shellOutput("\(weirBinary) checkpoint inspect state")
        #expect(described.contains("(read again from the followed log)"), "\(described)")
        let latest = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/state").filter { $0.hasPrefix("checkpoint-") }.max())
        let checkpointSize = try #require(try FileManager.default.attributesOfItem(atPath: dir + "/state/" + latest)[.size] as? Int)
        #expect(checkpointSize < 100_000, "\(checkpointSize) bytes")
        // Rotated while weir is down; a far event then closes the hour.
        try FileManager.default.moveItem(atPath: dir + "/clicks.log", toPath: dir + "/clicks.log.1")
        let sentinel = #"{"user_id": 1, "page": "/end", "timestamp": "2030-01-01 00:00:00"}"# + "\n"
        try sentinel.write(toFile: dir + "/clicks.log", atomically: false, encoding: .utf8)
        let second = try start(arguments)
        usleep(6_000_000)
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        let errors = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
        #expect(errors.contains("replaying") && errors.contains("to rebuild the open windows"), "\(errors)")
        try (String(contentsOfFile: input, encoding: .utf8) + sentinel).write(toFile: dir + "/all", atomically: true, encoding: .utf8)
        _ = try run(["q.sql", "--input", "all", "--output", "ref.out", "--quiet"])
        _ = try shellOutput("grep -v '/end' ref.out > ref.closed")
        expectSame("out", "ref.closed")
        #expect(!read("out").isEmpty)
    }

    @Test("a damaged snapshot, a changed query or another input is refused with the reason; an output-only change is taken")
    func refusals() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try generate("clicks.ndjson", events: 50_000)
        try Self.windowed.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        // Stopped by SIGTERM half-way: a checkpoint of a run to continue.
        _ = try shellOutput("head -c 2000000 \(input) > part.ndjson")
        let process = try start(["q.sql", "--input", "part.ndjson", "--follow", "--output", "out", "--checkpoint", "state", "--quiet"])
        usleep(1_500_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let latest = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/state").filter { $0.hasPrefix("checkpoint-") }.max())
        let path = dir + "/state/" + latest
        let good = try #require(FileManager.default.contents(atPath: path))

        // A changed window size.
        try Self.windowed.replacingOccurrences(of: "INTERVAL '10' SECOND", with: "INTERVAL '20' SECOND").write(toFile: dir + "/q2.sql", atomically: true, encoding: .utf8)
        var (code, errors) = try run(["q2.sql", "--input", "part.ndjson", "--follow", "--checkpoint", "state", "--quiet"])
        #expect(code == 1)
        #expect(errors.contains("does not fit checkpoint") && errors.contains("size=10s") && errors.contains("size=20s"), "\(errors)")

        // Another input file.
        (code, errors) = try run(["q.sql", "--input", input, "--checkpoint", "state", "--quiet"])
        #expect(code == 1)
        #expect(errors.contains("read a followed file; this run reads"), "\(errors)")

        // A flipped byte, then a cut file: named, never a fresh start.
        var damaged = good
        damaged[damaged.count / 2] ^= 0x20
        try damaged.write(to: URL(fileURLWithPath: path))
        (code, errors) = try run(["q.sql", "--input", "part.ndjson", "--follow", "--checkpoint", "state", "--quiet"])
        #expect(code == 1)
        #expect(errors.contains("is damaged: its checksum does not match"), "\(errors)")
        try good.prefix(good.count - 10).write(to: URL(fileURLWithPath: path))
        (code, errors) = try run(["q.sql", "--input", "part.ndjson", "--follow", "--checkpoint", "state", "--quiet"])
        #expect(code == 1)
        #expect(errors.contains("is damaged") && errors.contains("cut short"), "\(errors)")
        (code, errors) = try run(["checkpoint", "inspect", "state"])
        #expect(code == 1 && errors.contains("is damaged"))

        // An added HAVING changes only the output: the state fits, and the run resumes.
        try good.write(to: URL(fileURLWithPath: path))
        try Self.windowed.replacingOccurrences(of: "GROUP BY window_start, window_end, page;", with: "GROUP BY window_start, window_end, page HAVING COUNT(*) > 2;")
            .write(toFile: dir + "/q3.sql", atomically: true, encoding: .utf8)
        let resumed = try start(["q3.sql", "--input", "part.ndjson", "--follow", "--output", "out", "--checkpoint", "state", "--quiet"])
        usleep(1_000_000)
        kill(resumed.processIdentifier, SIGTERM)
        resumed.waitUntilExit()
        errors = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
        #expect(resumed.terminationStatus == 143, "\(errors)")
        #expect(errors.contains("resuming from checkpoint"), "\(errors)")
    }

    func shellOutput(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A small seeded generator, so that the kill moments are the same every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
