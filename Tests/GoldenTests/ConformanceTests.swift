import Foundation
import Testing
import WeirKit

/// The cases whose expected rows Apache Flink computed (see Conformance/README.md).
let conformanceCases: [String] = {
    let folder = repositoryRoot.appendingPathComponent("Tests/GoldenTests/Conformance")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasSuffix(".md") }.sorted()
}()

@Suite("Conformance with Apache Flink")
struct ConformanceTests {
    @Test("there are conformance cases")
    func casesExist() {
        #expect(conformanceCases.count >= 24)
    }

    @Test("rows match Flink's", arguments: conformanceCases)
    func matchesFlink(_ name: String) throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/GoldenTests/Conformance/\(name)")
        let script = try read(folder.appendingPathComponent("query.sql"))
        let input = Array(try read(folder.appendingPathComponent("input.ndjson")).utf8)
        let expected = try parseRows(try read(folder.appendingPathComponent("expected.ndjson")))
        let result = runScript(script, fileName: "query.sql", input: input)
        #expect(result.status == 0, "\(result.diagnostics)")
        let actual = try parseRows(result.output)
        let difference = compareRows(actual: actual, expected: expected)
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    @Test("rows do not depend on how the input is cut into chunks", arguments: ["tvf_hop_late", "legacy_session_late", "nulls"])
    func chunkingDoesNotMatter(_ name: String) throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/GoldenTests/Conformance/\(name)")
        let script = try read(folder.appendingPathComponent("query.sql"))
        let input = Array(try read(folder.appendingPathComponent("input.ndjson")).utf8)
        let whole = runScript(script, fileName: "query.sql", input: input)
        for chunkSize in [1, 7, 100] {
            let cut = runScript(script, fileName: "query.sql", input: input, chunkSize: chunkSize)
            #expect(cut.output == whole.output)
        }
    }
}
