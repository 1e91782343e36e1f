import Foundation
import Testing
import WeirKit

/// Every `queries/*.sql` with its checked-in output `queries/<name>.expected`: stdout for a
/// query, the rendered message for an `error_` query. `WEIR_RECORD=1 swift test` rewrites the
/// expected files and fails, so recording never passes silently.
let queryFiles: [String] = {
    let folder = repositoryRoot.appendingPathComponent("queries")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
}()

/// samples/shop.db, built once per test run (one query may write it while another reads it).
let sampleDatabase = Result { try makeSampleDatabase() }

/// Builds samples/shop.db with the script the README names, as a user would.
func makeSampleDatabase() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/make-sample-db").path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
}

@Suite("Golden queries")
struct QueryGoldenTests {
    @Test("there are golden queries")
    func queriesExist() {
        #expect(queryFiles.count >= 10)
    }

    @Test("output matches the golden file", arguments: queryFiles)
    func golden(_ name: String) throws {
        let queryURL = repositoryRoot.appendingPathComponent("queries/\(name).sql")
        let script = try read(queryURL)
        var inputName = "clicks.ndjson"
        for line in script.split(separator: "\n") where line.hasPrefix("-- input: ") {
            inputName = String(line.dropFirst("-- input: ".count)).trimmingCharacters(in: .whitespaces)
        }
        let input = Array(try read(repositoryRoot.appendingPathComponent("samples/\(inputName)")).utf8)
        if script.contains("jdbc:sqlite:samples/shop.db") { try sampleDatabase.get() }
        let result = runScript(script, fileName: "queries/\(name).sql", input: input)
        var actual = result.output
        if result.status != 0 || !result.diagnostics.isEmpty {
            actual += result.diagnostics.joined(separator: "\n") + "\nexit status \(result.status)\n"
        }
        if name.hasPrefix("error_") {
            #expect(result.status == 1)
        } else {
            #expect(result.status == 0)
        }
        let expectedURL = repositoryRoot.appendingPathComponent("queries/\(name).expected")
        if ProcessInfo.processInfo.environment["WEIR_RECORD"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); run again without WEIR_RECORD")
            return
        }
        let expected = (try? read(expectedURL)) ?? "(no golden file: run WEIR_RECORD=1 swift test)"
        #expect(actual == expected)
    }
}

@Suite("Sums of mixed numbers")
struct MixedSumTests {
    @Test("an undeclared field that is an integer, then a fraction, sums as a DOUBLE from there on")
    func integerThenDouble() {
        let input = Array("""
        {"page":"/a","v":1,"timestamp":"2024-04-25 10:00:01"}
        {"page":"/a","v":2.5,"timestamp":"2024-04-25 10:00:02"}
        {"page":"/a","v":3,"timestamp":"2024-04-25 10:00:12"}

        """.utf8)
        let result = runScript("SELECT page, SUM(v) AS s FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;",
                               fileName: "q.sql", input: input)
        #expect(result.status == 0)
        #expect(result.output == "{\"page\":\"/a\",\"s\":3.5}\n{\"page\":\"/a\",\"s\":3}\n")
    }
}
