import Testing
@testable import weir

/// The hand-read command line of a plain run (`RunOptions.plainRun`) must mean what
/// ArgumentParser reads from the same arguments, and leave everything else to it.
@Suite("Command line without ArgumentParser")
struct RunOptionsTests {
    /// Every option `plainRun` reads, each with a value, in both spellings, and every flag.
    static var plainCommandLines: [[String]] {
        var lines: [[String]] = [
            ["q.sql"], ["-e", "SELECT 1"], ["-e", "-- a comment\nSELECT 1"], ["-e", "-x"],
            ["q.sql", "--watermark-delay", "5s"], ["--watermark-delay=250ms", "q.sql"], [],
        ]
        for name in RunOptions.valued.keys.sorted() {
            lines.append(["q.sql", name, "value"])
            lines.append([name + "=value", "q.sql"])
        }
        for name in RunOptions.flags.keys.sorted() {
            lines.append(["q.sql", name])
        }
        lines.append(["q.sql"] + RunOptions.flags.keys.sorted() + RunOptions.valued.keys.sorted().flatMap { [$0, "v" + $0] })
        return lines
    }

    @Test("a plain run's options are ArgumentParser's", arguments: plainCommandLines)
    func sameAsArgumentParser(_ arguments: [String]) throws {
        let plain = try #require(RunOptions.plainRun(arguments))
        let parsed = try #require(try Weir.parseAsRoot(arguments) as? Weir)
        #expect(plain == parsed.runOptions)
    }

    @Test("the rest goes to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["--version"], ["--inptu", "x"], ["--input", "a", "--input", "b"],
        ["--format", "-x"], ["a.sql", "b.sql"], ["--"], ["q.sql", "--strict=yes"], ["-e"], ["--input"],
        ["-esql"], ["q.sql", "--generate-completion-script", "bash"], ["--input=", "q.sql"],
    ])
    func leftToArgumentParser(_ arguments: [String]) {
        #expect(RunOptions.plainRun(arguments) == nil)
    }
}
