import Foundation
import Testing

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The `weir` built next to this test bundle.
let weirBinary: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("weir").path), dir.path != "/" {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("weir").path
}()

func startShell(home: String, environment: [String: String] = [:]) throws -> PseudoTerminal {
    let shell = try PseudoTerminal(executable: weirBinary, environment: ["HOME": home, "TERM": "dumb", "PATH": "/usr/bin:/bin"].merging(environment) { $1 })
    #expect(shell.waitFor("weir> "), "no prompt: \(shell.screen)")
    return shell
}

func temporaryHome() -> String {
    let path = NSTemporaryDirectory() + "weir-shell-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

let createClicks = """
    CREATE TABLE clicks (user_id INT, page STRING,\r  `timestamp` TIMESTAMP(3),\r  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND)\r  WITH ('connector' = 'filesystem', 'path' = '\(root)/samples/clicks.ndjson', 'format' = 'json');\r
    """

/// Cells of the boxed table rows on a screen, header rows excluded.
func tableRows(_ screen: Substring) -> [[String]] {
    screen.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("│") }.map { line in
        line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }.filter { $0 != ["page", "click_count"] }
}

@Suite("Interactive shell", .serialized)
struct ShellTests {
    @Test("a multi-line CREATE TABLE, then a windowed query shows the golden rows as tables")
    func createAndQuery() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type(createClicks)
        #expect(shell.waitFor("Created table clicks"))
        #expect(shell.waitForPrompt())
        #expect(shell.screen.contains("  ... "), "continuation prompt")
        let mark = shell.end
        shell.type("SELECT page, COUNT(*) AS click_count FROM clicks\r GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;\r")
        #expect(shell.waitFor("15 rows, 3 windows, 0 late events", after: mark))
        #expect(shell.waitForPrompt())
        let golden = try String(contentsOfFile: root + "/queries/clicks_per_page.expected", encoding: .utf8)
            .split(separator: "\n").map { line -> [String] in
                let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return [object["page"] as! String, "\(object["click_count"]!)"]
            }
        #expect(tableRows(shell.screen[mark...]) == golden)
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("history recalls the last statement with the up arrow and is kept in ~/.weir_history")
    func history() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type("EXPLAIN SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;\r")
        #expect(shell.waitFor("WindowAggregate: TUMBLE(size=10s)"))
        let mark = shell.end
        #expect(shell.waitForPrompt())
        let again = shell.end
        shell.type("\u{1B}[A\r")
        #expect(shell.waitFor("WindowAggregate: TUMBLE(size=10s)", after: again))
        #expect(shell.waitForPrompt())
        shell.type("\u{4}")
        #expect(shell.exitStatus() == 0)
        let history = try String(contentsOfFile: home + "/.weir_history", encoding: .utf8)
        #expect(history.contains("EXPLAIN SELECT page"))
    }

    @Test("Ctrl-C cancels a running query and returns to the prompt")
    func cancel() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let fifo = home + "/live.ndjson"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Held open for writing, so the query waits for more events until it is cancelled.
        let writer = open(fifo, O_RDWR)
        defer { close(writer) }
        let first = "{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:01\"}\n{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:15\"}\n"
        _ = first.withCString { write(writer, $0, strlen($0)) }
        let shell = try startShell(home: home)
        shell.type("CREATE TABLE live (page STRING, `timestamp` TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '\(fifo)', 'format' = 'json');\r")
        #expect(shell.waitFor("Created table live"))
        #expect(shell.waitForPrompt())
        shell.type("SELECT page, COUNT(*) AS n FROM live GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;\r")
        // The first window closes while the input is still open.
        #expect(shell.waitFor("│ /a   │ 1 │"))
        let mark = shell.end
        shell.type("\u{3}")
        #expect(shell.waitFor("Cancelled. 1 row", after: mark))
        #expect(shell.waitForPrompt())
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("a bad statement shows a caret and the shell goes on; unknown commands get a hint")
    func errors() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type("SELECT page COUNT(*) FROM clicks;\r")
        #expect(shell.waitFor("Expected: ',' or FROM, found: COUNT"))
        #expect(shell.waitFor("|             ^"))
        #expect(shell.waitForPrompt())
        shell.type("\\tabels\r")
        #expect(shell.waitFor("did you mean \\tables?"))
        #expect(shell.waitForPrompt())
        shell.type("SELECT page FROM clicks;\r")
        #expect(shell.waitFor("reads standard input, which is this terminal"))
        #expect(shell.waitForPrompt())
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("Tab completes keywords and table names")
    func completion() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type(createClicks)
        #expect(shell.waitFor("Created table clicks"))
        #expect(shell.waitForPrompt())
        let mark = shell.end
        shell.type("SELEC\tpage FROM cli\t")
        #expect(shell.waitFor("SELECT page FROM clicks", after: mark))
        // Ctrl-U clears the line being edited.
        shell.type("\u{15}")
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("Tab completes meta commands after a backslash, table names after \\describe, and function names")
    func metaCompletion() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type(createClicks)
        #expect(shell.waitFor("Created table clicks"))
        #expect(shell.waitForPrompt())
        var mark = shell.end
        shell.type("\\de\t")
        #expect(shell.waitFor("\\describe", after: mark))
        shell.type("cli\t")  // readline put a space after the completed command
        #expect(shell.waitFor("\\describe clicks", after: mark))
        shell.type("\u{15}")
        mark = shell.end
        shell.type("SELECT date_for\t")
        #expect(shell.waitFor("SELECT date_format", after: mark))
        shell.type("\u{15}")
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("\\o FILE sends results to a file and \\o alone back; \\e runs what the editor saved")
    func outputFileAndEditor() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let editor = home + "/editor.sh"
        try "#!/bin/sh\necho \"SELECT page, COUNT(*) AS n FROM clicks WHERE page = '/cart' GROUP BY page;\" > \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let shell = try startShell(home: home, environment: ["EDITOR": editor])
        shell.type(createClicks)
        #expect(shell.waitFor("Created table clicks"))
        #expect(shell.waitForPrompt())
        shell.type("\\format ndjson\r")
        #expect(shell.waitFor("Results as ndjson."))
        shell.type("\\o \(home)/out.ndjson\r")
        #expect(shell.waitFor("Results to \(home)/out.ndjson."))
        var mark = shell.end
        shell.type("SELECT page FROM clicks WHERE page = '/checkout';\r")
        #expect(shell.waitFor("rows", after: mark))
        #expect(!shell.screen[mark...].contains("{\"page\":\"/checkout\"}"))
        let saved = try String(contentsOfFile: home + "/out.ndjson", encoding: .utf8)
        #expect(saved.hasPrefix("{\"page\":\"/checkout\"}\n"), "\(saved)")
        shell.type("\\o\r")
        #expect(shell.waitFor("Results to the terminal."))
        mark = shell.end
        shell.type("\\e\r")
        #expect(shell.waitFor("\"page\":\"/cart\",\"n\":", after: mark), "\(shell.screen[mark...])")
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("a table on a FIFO says it waits for a writer; Ctrl-C cancels the wait quietly")
    func fifoWait() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let fifo = home + "/events.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let shell = try startShell(home: home)
        shell.type("CREATE TABLE live (page STRING) WITH ('connector' = 'filesystem', 'path' = '\(fifo)', 'format' = 'json');\r")
        #expect(shell.waitFor("Created table live"))
        #expect(shell.waitForPrompt())
        let mark = shell.end
        shell.type("SELECT page FROM live;\r")
        #expect(shell.waitFor("Waiting for a writer on the FIFO \(fifo) (Ctrl-C cancels)", after: mark))
        shell.type("\u{03}")
        #expect(shell.waitFor("Cancelled.", after: mark))
        #expect(shell.waitForPrompt())
        #expect(!shell.screen[mark...].contains("Interrupted system call"))
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("\\functions lists the functions with their arguments, by prefix")
    func functionsList() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        let mark = shell.end
        shell.type("\\functions regexp_r\r")
        #expect(shell.waitFor("REGEXP_REPLACE(text, pattern, replacement)", after: mark))
        #expect(shell.waitForPrompt())
        #expect(!shell.screen[mark...].contains("LPAD"))
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("Ctrl-C at the prompt drops the line being edited and gives a fresh prompt")
    func ctrlCAtPrompt() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        #expect(shell.waitForPrompt())
        for _ in 0..<3 {
            // Each time, wait for this line's echo, so Ctrl-C comes after readline has it.
            let typed = shell.end
            shell.type("SELECT half a line")
            #expect(shell.waitFor("half a line", after: typed))
            let mark = shell.end
            shell.type("\u{03}")
            #expect(shell.waitFor("weir> ", after: mark))
        }
        // `\q` works only on a fresh line: had a line survived Ctrl-C, the shell would not exit.
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("SIGTERM or SIGHUP at the prompt ends the shell with 128 + the signal", arguments: [SIGTERM, SIGHUP])
    func stopSignalAtPrompt(_ signal: Int32) throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        #expect(shell.waitForPrompt())
        let typed = shell.end
        shell.type("SELECT half")
        #expect(shell.waitFor("half", after: typed))
        kill(shell.pid, signal)
        #expect(shell.exitStatus() == 128 + signal)
    }

    @Test("an updating result is a table redrawn in place, the final table left on screen")
    func liveTable() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type(createClicks)
        #expect(shell.waitFor("Created table clicks"))
        #expect(shell.waitForPrompt())
        let mark = shell.end
        shell.type("SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;\r")
        #expect(shell.waitFor(" rows", after: mark))
        #expect(shell.waitForPrompt())
        let screen = String(shell.screen[mark...])
        // Redrawn: the cursor moves back up over the last drawing and clears below it.
        #expect(screen.contains("\u{1B}[J"), "no redraw in \(screen.debugDescription.prefix(300))")
        // The last drawing is the final table: /main has 12 clicks in the sample.
        let last = screen.components(separatedBy: "\u{1B}[J").last ?? ""
        #expect(tableRows(Substring(last)).contains(["/main", "12"]), "\(last)")
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("a backslash command runs at once while a statement is pending; the statement goes on after it")
    func metaWhilePending() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type("CREATE TABLE t (a INT, ts TIMESTAMP(3))\r")
        #expect(shell.waitFor("  ... "))
        let mark = shell.end
        shell.type("\\tables\r")
        #expect(shell.waitFor("No tables yet", after: mark))
        shell.type(";\r")
        #expect(shell.waitFor("Created table t", after: mark))
        #expect(shell.waitForPrompt())
        let again = shell.end
        shell.type("CREATE TABLE t (b INT);\r")
        #expect(shell.waitFor("error: table t already exists", after: again))
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("Flink's SHOW TABLES, DESCRIBE and SHOW FUNCTIONS answer as the meta commands do")
    func showAndDescribe() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type("CREATE TABLE t (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);\r")
        #expect(shell.waitFor("Created table t"))
        #expect(shell.waitForPrompt())
        var mark = shell.end
        shell.type("SHOW TABLES;\r")
        #expect(shell.waitFor("source", after: mark))
        #expect(shell.waitForPrompt())
        mark = shell.end
        shell.type("describe `t`;\r")
        #expect(shell.waitFor("event time, watermark", after: mark))
        #expect(shell.waitForPrompt())
        mark = shell.end
        shell.type("SHOW FUNCTIONS;\r")
        #expect(shell.waitFor("REGEXP_EXTRACT", after: mark))
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
    }

    @Test("a statement over several lines is one history entry")
    func multiLineHistory() throws {
        let home = temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let shell = try startShell(home: home)
        shell.type("CREATE TABLE h (a INT,\r")
        #expect(shell.waitFor("  ... "))
        shell.type("b INT);\r")
        #expect(shell.waitFor("Created table h"))
        #expect(shell.waitForPrompt())
        shell.type("\\q\r")
        #expect(shell.exitStatus() == 0)
        let history = try String(contentsOfFile: home + "/.weir_history", encoding: .utf8)
        #expect(history.contains("CREATE TABLE h (a INT, b INT);\n"), "\(history)")
        #expect(!history.contains("b INT);\nCREATE") && !history.hasPrefix("b INT"))
    }
}
