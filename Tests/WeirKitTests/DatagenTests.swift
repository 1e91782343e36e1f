import Foundation
import QueryPlanner
import SQLSyntax
import Testing
@testable import WeirKit

@Suite("datagen connector")
struct DatagenTests {
    /// The table a script declares.
    func table(_ ddl: String) throws -> TableSchema {
        guard case .createTable(let create)? = try Parser.parse(ddl).first else { throw CocoaError(.featureUnsupported) }
        return try Catalog.schema(for: create)
    }

    /// The rows a datagen table makes, as JSON objects.
    func rows(_ ddl: String) throws -> [[String: Any]] {
        let schema = try table(ddl)
        guard case .generated(let spec) = schema.source else { throw CocoaError(.featureUnsupported) }
        var bytes: [UInt8] = []
        try DatagenSource(spec: spec).forEachChunk({ bytes += $0; return true }, idle: { _ in true })
        return try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test("sequences count from start to end, the shortest ending the source; number-of-rows cuts them")
    func sequences() throws {
        let made = try rows("""
            CREATE TABLE s (id BIGINT, code STRING) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '5',
              'fields.id.end' = '9', 'fields.code.kind' = 'sequence', 'fields.code.start' = '-1', 'fields.code.end' = '100')
            """)
        #expect(made.map { $0["id"] as? Int } == [5, 6, 7, 8, 9])
        #expect(made.map { $0["code"] as? String } == ["-1", "0", "1", "2", "3"])
        let cut = try rows("""
            CREATE TABLE s (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '10')
            """)
        #expect(cut.count == 3)
    }

    @Test("random values keep to their ranges, lengths and null rate")
    func randomValues() throws {
        let made = try rows("""
            CREATE TABLE r (n INT, t STRING, p DECIMAL(5, 2), z BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'number-of-rows' = '200',
              'fields.n.min' = '-3', 'fields.n.max' = '4', 'fields.t.length' = '7', 'fields.p.max' = '9.5', 'fields.z.null-rate' = '1',
              'fields.ts.max-past' = '2 s')
            """)
        #expect(made.count == 200)
        for row in made {
            let n = try #require(row["n"] as? Int)
            #expect((-3...4).contains(n))
            let t = try #require(row["t"] as? String)
            #expect(t.count == 7 && t.allSatisfy(\.isHexDigit))
            // From the type's least value (Flink's default 'min') up to 'max'.
            let p = try #require(row["p"] as? Double)
            #expect((-999.99...9.5).contains(p))
            #expect(row["z"] is NSNull)
            #expect(row["ts"] is String)
        }
        #expect(Set(made.compactMap { $0["n"] as? Int }).count > 4)
    }

    @Test("a misspelt or unknown option, a sequence without its end and an unknown kind are errors")
    func errors() throws {
        for (ddl, wanted) in [
            ("CREATE TABLE s (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1')", "a sequence field needs"),
            ("CREATE TABLE s (id INT) WITH ('connector' = 'datagen', 'fields.idd.min' = '1')", "unsupported option 'fields.idd.min'"),
            ("CREATE TABLE s (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'randm')", "unknown datagen kind"),
            ("CREATE TABLE s (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '0')", "'rows-per-second' must be positive"),
        ] {
            do {
                _ = try table(ddl)
                Issue.record("expected an error for \(ddl)")
            } catch let error as PlanningError {
                #expect(error.message.hasPrefix(wanted), "\(error.message)")
            }
        }
    }
}
