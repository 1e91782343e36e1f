import QueryPlanner
import Testing
@testable import WeirKit

@Suite("weir flink")
struct FlinkTranslatorTests {
    func options(source: FlinkOptions.Source = .filesystem(paths: [:], all: "/data/clicks.ndjson"), sink: FlinkOptions.Sink = .none,
                 sample: String? = nil) -> FlinkOptions {
        var options = FlinkOptions()
        options.source = source
        options.sink = sink
        options.sampleForAll = sample.map { Array($0.utf8) }
        return options
    }

    @Test("an undeclared stream is declared with the columns the query uses, typed from a sample, with a watermark")
    func undeclaredStream() throws {
        let sample = #"{"user_id": 101, "page": "/a", "timestamp": "2024-04-25T10:00:01", "price": 1.5}"# + "\n"
        var opts = options(sample: sample)
        opts.watermarkDelay = 2000
        let (script, warnings) = try FlinkTranslator.translate(
            "SELECT page, COUNT(DISTINCT user_id) AS users, SUM(price) AS total FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;", options: opts)
        #expect(warnings.isEmpty)
        #expect(script.contains("SET 'pipeline.auto-watermark-interval' = '0 ms';"))
        #expect(script.contains("  `timestamp` TIMESTAMP(3),\n"))
        #expect(script.contains("  user_id BIGINT,\n") && script.contains("  price DOUBLE,\n") && script.contains("  page STRING,\n"))
        #expect(script.contains("WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND"))
        #expect(script.contains("'json.timestamp-format.standard' = 'ISO-8601'"))
        #expect(script.contains("GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;"))
    }

    @Test("a column without a sample is STRING, said on stderr; Kafka as the source")
    func kafkaWithoutSample() throws {
        let (script, warnings) = try FlinkTranslator.translate("SELECT user_id, page FROM clicks WHERE page LIKE '/p%';",
                                                               options: options(source: .kafka(topic: "clicks", bootstrapServers: "k:9092", startupMode: "latest-offset")))
        #expect(warnings == ["weir: clicks.page, user_id typed STRING: give --sample FILE to type them from the input"])
        #expect(script.contains("'connector' = 'kafka'") && script.contains("'scan.startup.mode' = 'latest-offset'"))
    }

    @Test("a sink chosen on the command line gets the result's typed columns")
    func chosenSink() throws {
        let sample = #"{"page": "/a", "timestamp": "2024-04-25 10:00:01"}"# + "\n"
        let (script, _) = try FlinkTranslator.translate(
            "SELECT TUMBLE_END(timestamp, INTERVAL '10' SECOND) AS window_end, page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;",
            options: options(sink: .filesystem(path: "/out", format: "json"), sample: sample))
        #expect(script.contains("CREATE TABLE weir_result (\n  window_end TIMESTAMP(3),\n  page STRING,\n  n BIGINT\n)"))
        #expect(script.contains("INSERT INTO weir_result\nSELECT TUMBLE_END("))
        #expect(!script.contains("json.timestamp-format"))
    }

    @Test("what has no Flink form is refused with the reason")
    func refusals() throws {
        #expect(throws: TranslationError.self) { try FlinkTranslator.translate("SELECT page FROM clicks;", options: options(source: .none)) }
        #expect(throws: TranslationError.self) {
            try FlinkTranslator.translate("""
                CREATE TABLE o (id BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:x.db', 'table-name' = 'o');
                SELECT id FROM o;
                """, options: options())
        }
        #expect(throws: TranslationError.self) {
            try FlinkTranslator.translate("SELECT page, COUNT(*) FROM clicks GROUP BY page;", options: options(sink: .filesystem(path: "/o", format: "json")))
        }
        // A file weir refuses is not translated.
        #expect(throws: QueryError.self) { try FlinkTranslator.translate("SELECT nope( FROM clicks;", options: options()) }
    }

    @Test("time functions print in Flink's forms")
    func timeFunctions() throws {
        let (script, _) = try FlinkTranslator.translate("""
            CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), `user` STRING);
            SELECT EXTRACT(SECOND FROM ts) AS s, FLOOR(ts TO MINUTE) AS m, TIMESTAMPDIFF(SECOND, ts, ts) AS d, `user` AS views FROM clicks;
            """, options: options())
        #expect(script.contains("SELECT EXTRACT(SECOND FROM ts) AS s, FLOOR(ts TO MINUTE) AS m, TIMESTAMPDIFF(SECOND, ts, ts) AS d, `user` AS `views` FROM clicks;"))
    }
}
