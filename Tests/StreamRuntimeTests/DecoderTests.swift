import QueryPlanner
import SQLSyntax
import Testing
@testable import StreamRuntime

@Suite("NDJSON decoder")
struct DecoderTests {
    let decoder = EventDecoder(fields: [Column(name: "page", type: .string), Column(name: "n", type: .int),
                                        Column(name: "ts", type: .timestamp), Column(name: "x", type: .dynamic),
                                        Column(name: "d", type: .double), Column(name: "p", type: .decimal(precision: 10, scale: 2))],
                               timeSlot: 2)

    func decode(_ line: String) throws(DecodeError) -> [Value] {
        var row = [Value](repeating: .null, count: 6)
        var bytes = Array(line.utf8)
        var failure: DecodeError?
        bytes.withUnsafeMutableBufferPointer { buffer in
            do throws(DecodeError) { try decoder.decode(UnsafeBufferPointer(buffer), into: &row) } catch { failure = error }
        }
        if let failure { throw failure }
        return row
    }

    @Test("a key's hash tells NULL from every small integer (a group's identity in Flink's firing order)")
    func keyHashes() {
        let columns = ValueColumns(width: 1)
        columns.appendRow([.null])
        for v in Int64(-300)...300 { columns.appendRow([.int(v)]) }
        let hashes = columns.withRows { rows in
            [0].withUnsafeBufferPointer { fields in (0..<rows.count).map { rows.hash($0, fields: fields) } }
        }
        #expect(Set(hashes).count == hashes.count)
    }

    @Test("reads only the wanted fields, skipping nested values of others")
    func fields() throws {
        let row = try decode(#"{"skip": {"a": [1, {"b": "}"}], "c": null}, "page": "/a\"b\u00e9", "n": 42, "ts": "2024-04-25 10:00:01.5", "x": 1.5, "d": 3, "p": 12.345}"#)
        #expect(row == [.string("/a\"bé"), .int(42), .timestamp(1_714_039_201_500), .double(1.5), .double(3), .decimal(1235, scale: 2)])
    }

    @Test("values nested past 64 levels are skipped whole, and a mismatched bracket deep inside is a bad line")
    func deepSkip() throws {
        // Objects and arrays alternating, 100 levels: the skipped value's containers outgrow
        // the word that holds the first 64.
        var deep = ""
        for level in 0..<100 { deep += level % 2 == 0 ? #"{"k": "# : "[" }
        deep += "1"
        for level in (0..<100).reversed() { deep += level % 2 == 0 ? "}" : "]" }
        let row = try decode(#"{"skip": \#(deep), "page": "/a", "n": 1, "ts": "2024-04-25 10:00:01"}"#)
        #expect(row[0] == .string("/a") && row[1] == .int(1))
        let broken = deep.replacingOccurrences(of: "]}]}]", with: "]}}}]")
        #expect(throws: DecodeError.self) { try decode(#"{"skip": \#(broken), "page": "/a", "ts": "2024-04-25 10:00:01"}"#) }
    }

    @Test("nested fields are read from their objects at any depth, in any key order, on the layout fast path too")
    func nested() throws {
        let sep = String(SQLSyntax.nestedPathSeparator)
        let nested = EventDecoder(fields: [Column(name: "user" + sep + "id", type: .int), Column(name: "page", type: .string),
                                           Column(name: "user" + sep + "geo" + sep + "city", type: .string),
                                           Column(name: "user.id", type: .int)],
                                  timeSlot: nil)
        let lines = [
            #"{"user": {"id": 7, "geo": {"city": "Oslo", "x": [1, {"city": "no"}]}}, "page": "/a", "user.id": 1}"#,
            #"{"user": {"id": 8, "geo": {"city": "Rome", "x": [2, {"city": "no"}]}}, "page": "/b", "user.id": 2}"#,
            #"{"page": "/c", "user": {"geo": null, "id": 9}}"#,
            #"{"user": null, "page": "/d"}"#,
            #"{"user": {"id": 10, "geo": {"city": "Oslo", "x": [1, {"city": "no"}]}}, "page": "/e", "user.id": 3}"#,
        ]
        var rows: [[Value]] = []
        var dates = DateCache()
        var shape = LineShape()
        let columns = ValueColumns(width: 4)
        for line in lines {
            var bytes = Array(line.utf8)
            try bytes.withUnsafeMutableBufferPointer { (buffer) throws(DecodeError) in
                try nested.decode(UnsafeBufferPointer(buffer), into: columns, dates: &dates, shape: &shape)
            }
            var row = [Value](repeating: .null, count: 4)
            columns.values(rows.count, into: &row)
            rows.append(row)
        }
        #expect(rows == [
            [.int(7), .string("/a"), .string("Oslo"), .int(1)],
            [.int(8), .string("/b"), .string("Rome"), .int(2)],
            [.int(9), .string("/c"), .null, .null],
            [.null, .string("/d"), .null, .null],
            [.int(10), .string("/e"), .string("Oslo"), .int(3)],
        ])
        var bad = Array(#"{"user": 5, "page": "/f"}"#.utf8)
        #expect(throws: DecodeError.self) {
            try bad.withUnsafeMutableBufferPointer { (buffer) throws(DecodeError) in
                try nested.decode(UnsafeBufferPointer(buffer), into: columns, dates: &dates, shape: &shape)
            }
        }
    }

    @Test("missing fields are NULL; epoch milliseconds are a time")
    func missing() throws {
        let row = try decode(#"{"ts": 1714039201000}"#)
        #expect(row == [.null, .null, .timestamp(1_714_039_201_000), .null, .null, .null])
    }

    @Test("numbers in strings fit numeric columns, as in Flink")
    func quotedNumbers() throws {
        #expect(try decode(#"{"ts": 0, "n": "17"}"#)[1] == .int(17))
    }

    @Test("a whole number written with a fraction or an exponent fits an integer column, as in Flink")
    func wholeNumbers() throws {
        #expect(try decode(#"{"ts": 0, "n": 12.0}"#)[1] == .int(12))
        #expect(try decode(#"{"ts": 0, "n": 1e3}"#)[1] == .int(1000))
        #expect(try decode(#"{"ts": 0, "n": -0.0}"#)[1] == .int(0))
    }

    static let bad: [(String, String)] = [
        ("[1, 2]", "expected a JSON object"),
        ("not json", "expected a JSON object"),
        (#"{"ts": 0, "n": "abc"}"#, #"field n: expected INT, found "abc""#),
        (#"{"ts": 0, "n": 3000000000}"#, "field n: expected INT, found 3000000000"),
        (#"{"ts": 0, "n": 1.5}"#, "field n: expected INT, found 1.5"),
        (#"{"ts": 0, "n": 3e9}"#, "field n: expected INT, found 3e9"),
        (#"{"page": "/a"}"#, "missing event time ts"),
        (#"{"ts": null}"#, "missing event time ts"),
        (#"{"ts": "yesterday"}"#, #"unreadable event time ts: "yesterday""#),
        (#"{"ts": -9223372036854775808}"#, "unreadable event time ts: -9223372036854775808"),
        (#"{"ts": 0, "page": "/a"#, "malformed JSON: unterminated string"),
        (#"{"ts": 0} {"ts": 1}"#, "malformed JSON: two objects on one line"),
        (#"{"ts": 0,}"#, "malformed JSON: expected a field name at column 10"),
        (#"{"ts": 0, "q": [1, 2}"#, "malformed JSON: expected ',' or ']' at column 21"),
        (#"{"ts": 0, "q": tru}"#, "malformed JSON: invalid literal at column 16"),
        (#"{"ts": 0, "q": -}"#, "malformed JSON: invalid number at column 16"),
        (#"{"ts": 0, "q": 012}"#, "malformed JSON: leading zero in a number"),
        (#"{"ts": 0, "q": 12.}"#, "malformed JSON: invalid number at column 16"),
    ]

    @Test("bad lines say why", arguments: bad)
    func badLines(_ line: String, _ message: String) {
        do {
            _ = try decode(line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description == message)
        }
    }

    /// Decodes `line` after the decoder learnt the layout of `previous`.
    func decode(_ line: [UInt8], after previous: [UInt8]) -> Result<[Value], DecodeError> {
        let columns = ValueColumns(width: 6)
        var dates = DateCache()
        var shape = LineShape()
        previous.withUnsafeBufferPointer { try? decoder.decode($0, into: columns, dates: &dates, shape: &shape) }
        let before = columns.rowCount
        return line.withUnsafeBufferPointer { buffer in
            do throws(DecodeError) {
                try decoder.decode(buffer, into: columns, dates: &dates, shape: &shape)
                var row = [Value](repeating: .null, count: 6)
                columns.values(before, into: &row)
                return .success(row)
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("a line read through the last line's layout reads as it does alone")
    func shapedAgrees() {
        let bases = [
            #"{"x": [1, {"y": "}"}], "page": "/products/12", "n": 42, "ts": "2024-04-25 10:00:01", "d": 1.5, "p": 3.25}"#,
            #"{"ts":1714039201000,"page":"a\"b","n":"7","skip":null,"x":true,"more":125}"#,
            #"  { "n" : -3 , "ts" : "2024-04-25T10:00:01.5" , "x" : "é" }  "#,
            #"{"x": 1234, "ts": "2024-04-25 10:00:01", "page": "/p", "d": 10, "p": 1}"#,
        ].map { Array($0.utf8) }
        let alphabet = Array(#"{}[]":, 0129-.e"\abnptux"#.utf8)
        var rng = SplitMix(state: 7)
        for _ in 0..<40_000 {
            let base = bases.randomElement(using: &rng)!
            var line = base
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<line.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: line[i] = alphabet.randomElement(using: &rng)!
                case 1: line.insert(alphabet.randomElement(using: &rng)!, at: i)
                default: line.remove(at: i)
                }
            }
            let alone = decode(line, after: [])
            let shaped = decode(line, after: base)
            #expect("\(alone)" == "\(shaped)", "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test("a stretch read ahead of its line ends reads as its lines cut first and read one by one")
    func readAhead() {
        // Lines the compiled layout takes are read without finding their ends first; the
        // model finds each line end, drops a "\r" before it, and reads the line alone.
        let short = EventDecoder(fields: [Column(name: "page", type: .string), Column(name: "n", type: .int),
                                          Column(name: "ts", type: .timestamp)], timeSlot: 2, maxLineBytes: 70)
        let base = Array(#"{"n": 42, "page": "/products/12", "ts": "2024-04-25 10:00:01"}"#.utf8)
        let alphabet = Array(#"{}":, 019-"\ptx"#.utf8) + [0x0A, 0x0D]
        var rng = SplitMix(state: 11)
        for _ in 0..<2_000 {
            var stretch: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                var line = base
                if Bool.random(using: &rng) {
                    let i = Int.random(in: 0..<line.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: line[i] = alphabet.randomElement(using: &rng)!
                    case 1: line.insert(alphabet.randomElement(using: &rng)!, at: i)
                    default: line.remove(at: i)
                    }
                }
                stretch += line + [[0x0A], [0x0D, 0x0A], [0x0D], [0x20, 0x0A], [0x0A, 0x0A]].randomElement(using: &rng)!
            }
            if Bool.random(using: &rng) { stretch.removeLast() }
            let batch = stretch.withUnsafeBufferPointer { short.decodeLines($0, stripBOM: false, memory: DecodeMemory()) }
            var lines = stretch.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if stretch.last == 0x0A { lines.removeLast() }
            var events: [String] = [], bad: [String] = []
            var start = 0
            for (index, var line) in lines.enumerated() {
                let lineStart = start
                start += line.count + 1
                if line.last == 0x0D { line.removeLast() }
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
                if line.count > 70 {
                    bad.append("\(index) \(DecodeError.lineTooLong(limit: 70))")
                    continue
                }
                let columns = ValueColumns(width: 3)
                var dates = DateCache(), shape = LineShape()
                do throws(DecodeError) {
                    try line.withUnsafeBufferPointer { (buffer) throws(DecodeError) in try short.decode(buffer, into: columns, dates: &dates, shape: &shape) }
                    var row = [Value](repeating: .null, count: 3)
                    columns.values(0, into: &row)
                    events.append("\(index) \(lineStart) \(line.count) \(row)")
                } catch {
                    bad.append("\(index) \(error)")
                }
            }
            var read: [String] = []
            for (k, line) in batch.eventLines.enumerated() {
                var row = [Value](repeating: .null, count: 3)
                batch.events.values(k, into: &row)
                read.append("\(line.index) \(line.start) \(line.count) \(row)")
            }
            #expect(read == events, "\(String(decoding: stretch, as: UTF8.self).debugDescription)")
            #expect(batch.badLines.map { "\($0.line.index) \($0.error)" } == bad)
        }
    }

    @Test("decimals read by the compiled layout read as the general reader reads them")
    func compiledDecimals() {
        let decimals = EventDecoder(fields: [Column(name: "p", type: .decimal(precision: 10, scale: 2)),
                                             Column(name: "q", type: .decimal(precision: 5, scale: 0)),
                                             Column(name: "r", type: .decimal(precision: 38, scale: 6))], timeSlot: nil)
        let texts = ["0", "-0", "1", "1.5", "1.50", "1.505", "1.", ".5", "00.5", "01", "-1.25", "1e2", "1E-1", "2.5e0",
                     "99999999.99", "100000000.00", "-99999999.99", "99999", "100000", "123456789012.345678", "-",
                     "\"1.5\"", "\"-0.25\"", "null", "true", "12345678901234567890", "0.000001", "0.0000001", "1.2.3", "9"]
        func read(_ line: String, after previous: String?) -> String {
            let columns = ValueColumns(width: 3)
            var dates = DateCache(), shape = LineShape()
            if let previous {
                Array(previous.utf8).withUnsafeBufferPointer { try? decimals.decode($0, into: columns, dates: &dates, shape: &shape) }
            }
            let before = columns.rowCount
            return Array(line.utf8).withUnsafeBufferPointer { buffer in
                do throws(DecodeError) {
                    try decimals.decode(buffer, into: columns, dates: &dates, shape: &shape)
                    var row = [Value](repeating: .null, count: 3)
                    columns.values(before, into: &row)
                    return "\(row)"
                } catch {
                    return "\(error)"
                }
            }
        }
        let base = #"{"p": 1.25, "q": 7, "r": 0.5}"#
        for p in texts {
            for q in texts.prefix(12) {
                for r in ["1", "-0.000001", "123456789012.345678", "1.5e3"] {
                    let line = #"{"p": \#(p), "q": \#(q), "r": \#(r)}"#
                    #expect(read(line, after: base) == read(line, after: nil), "\(line)")
                }
            }
        }
    }

    @Test("invalid UTF-8 is a bad line")
    func invalidUTF8() {
        var bytes = Array(#"{"ts": 0, "page": "x"}"#.utf8)
        bytes[19] = 0xFF
        var row = [Value](repeating: .null, count: 6)
        #expect(throws: DecodeError.invalidUTF8) {
            try bytes.withUnsafeBufferPointer { try decoder.decode($0, into: &row) }
        }
    }
}

@Suite("Output encoding")
struct EncoderTests {
    static let doubleTexts: [(Double, String)] = [
        (1.0, "1.0"), (2453.5, "2453.5"), (0.001, "0.001"), (0.0001, "1.0E-4"), (1e7, "1.0E7"), (123456.789, "123456.789"),
        (-2.5, "-2.5"), (1.2345678e10, "1.2345678E10"), (146.28571428571428, "146.28571428571428"), (0, "0.0"),
    ]

    @Test("doubles print as Java's Double.toString", arguments: doubleTexts)
    func doubles(_ value: Double, _ text: String) {
        #expect(JavaNumber.format(value) == text)
    }

    @Test("rows are Flink's JSON: keys in order, null, timestamps, escapes")
    func rows() {
        let encoder = NDJSONEncoder(columns: [Column(name: "w", type: .timestamp), Column(name: "p", type: .string),
                                              Column(name: "n", type: .bigint), Column(name: "a", type: .double),
                                              Column(name: "d", type: .decimal(precision: 10, scale: 2)), Column(name: "z", type: .int)])
        var out: [UInt8] = []
        encoder.append([.timestamp(1_714_039_209_999), .string("a\"b\\c\n\u{1}"), .int(-42), .double(2.0), .decimal(-5, scale: 2), .null], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"w":"2024-04-25 10:00:09.999","p":"a\"b\\c\n\u0001","n":-42,"a":2.0,"d":-0.05,"z":null}"# + "\n")
    }

    @Test("a MAP is written in its own order (the order Flink iterates it), a ROW's fields in their declared order")
    func nested() {
        let row = DataType.row([Column(name: "b", type: .int), Column(name: "a", type: .map(.int))])
        let encoder = NDJSONEncoder(columns: [Column(name: "m", type: .map(.int)), Column(name: "r", type: row),
                                              Column(name: "l", type: .array(.map(.string)))])
        var out: [UInt8] = []
        encoder.append([.string(#"{"zz":4,"a":2,"zz":5}"#), .string(#"{"a":{"y":1,"x":2},"c":9}"#), .string(#"[{"q":"1","p":null}]"#)], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"m":{"zz":4,"a":2,"zz":5},"r":{"b":null,"a":{"y":1,"x":2}},"l":[{"q":"1","p":null}]}"# + "\n")
    }

    @Test("decimals in a row, and in a change of an updating result, read as Decimal.append writes them")
    func decimals() {
        var rng = SplitMix(state: 17)
        let encoder = NDJSONEncoder(columns: [Column(name: "d", type: .decimal(precision: 38, scale: 18))])
        for _ in 0..<2_000 {
            let scale = Int8.random(in: 0...20, using: &rng)
            let magnitude = Int64.random(in: 0...Int64.max, using: &rng) >> Int64.random(in: 0...62, using: &rng)
            let unscaled = Bool.random(using: &rng) ? magnitude : -magnitude
            var expected: [UInt8] = []
            Decimal.append(unscaled, scale: Int(scale), to: &expected)
            var row: [UInt8] = [], change: [UInt8] = []
            encoder.append([.decimal(unscaled, scale: scale)], to: &row)
            encoder.append([.decimal(unscaled, scale: scale)], kind: .updateAfter, to: &change)
            #expect(row == Array(#"{"d":"#.utf8) + expected + Array("}\n".utf8))
            #expect(change == Array(#"{"op":"+U","d":"#.utf8) + expected + Array("}\n".utf8))
        }
        var minimum: [UInt8] = []
        encoder.append([.decimal(Int64.min, scale: 3)], to: &minimum)
        #expect(String(decoding: minimum, as: UTF8.self) == #"{"d":-9223372036854775.808}"# + "\n")
    }
}

@Suite("Date cache")
struct DateCacheTests {
    @Test("the cached fast path agrees with the general parser", arguments: [
        "2024-04-25 10:00:01", "2024-04-25 10:00:01.5", "2024-04-25 10:00:01.123", "2024-04-25T23:59:59.999",
        "2024-04-26 00:00:00", "2024-04-25 10:00:01Z", "2024-04-25 24:00:00", "2024-02-30 10:00:00", "2024-04-25 10:0a:01",
    ])
    func agrees(_ text: String) {
        var cache = DateCache()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            // Twice: once filling the cache, once reading it.
            #expect(cache.parse(buffer) == Timestamp.parse(text))
            #expect(cache.parse(buffer) == Timestamp.parse(text))
        }
    }
}

@Suite("Word-at-a-time byte scans")
struct ByteScanTests {
    /// Random bytes, mostly ASCII letters, with quotes, backslashes, control and non-ASCII bytes now and then.
    static func bytes(_ rng: inout SplitMix) -> [UInt8] {
        (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            switch Int.random(in: 0..<40, using: &rng) {
            case 0: 0x22
            case 1: 0x5C
            case 2: UInt8.random(in: 0..<0x20, using: &rng)
            case 3: UInt8.random(in: 0x80...0xFF, using: &rng)
            default: UInt8.random(in: 0x61...0x7A, using: &rng)
            }
        }
    }

    @Test("they agree with a byte-at-a-time reading")
    func agreeWithNaive() {
        var rng = SplitMix(state: 42)
        for _ in 0..<20_000 {
            let a = Self.bytes(&rng)
            var b = a
            if !b.isEmpty, Bool.random(using: &rng) { b[Int.random(in: 0..<b.count, using: &rng)] ^= 1 }
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    if !a.isEmpty { #expect(memoryEqual(x.baseAddress!, y.baseAddress!, a.count) == (a == b), "\(a) \(b)") }
                }
                #expect(UTF8Validation.isValid(x) == (String(validating: a, as: UTF8.self) != nil), "\(a)")
                let scanner = JSONScanner(x)
                let from = a.isEmpty ? 0 : Int.random(in: 0..<a.count, using: &rng)
                let naive = a[from...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? a.count
                #expect(scanner.stringStop(from: from) == naive, "\(a) from \(from)")
            }
        }
    }
}

@Suite("Distinct values")
struct DistinctValuesTests {
    @Test("a DISTINCT set holds what Set<Value> holds, in first-seen order")
    func matchesSet() {
        var rng = SplitMix(state: 3)
        for _ in 0..<300 {
            var distinct = DistinctValues()
            var reference = Set<Value>()
            var order: [Value] = []
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                let value: Value = switch Int.random(in: 0..<5, using: &rng) {
                case 0: .int(Int64.random(in: -5...5, using: &rng))
                case 1: .double([0.0, -0.0, 1.5, 2][Int.random(in: 0..<4, using: &rng)])
                case 2: .string(["a", "b", "/products/1", "/products/10", "é"][Int.random(in: 0..<5, using: &rng)])
                case 3: .decimal(Int64.random(in: 0...3, using: &rng), scale: 2)
                default: .timestamp(Int64.random(in: 0...3, using: &rng))
                }
                let inserted = distinct.insert(value)
                #expect(inserted == reference.insert(value).inserted)
                if inserted { order.append(value) }
            }
            #expect(distinct.count == reference.count)
            // A set of only small non-negative integers may be a bitmap: ascending, not in order.
            let onlyIds = order.allSatisfy { if case .int(let v) = $0 { v >= 0 } else { false } }
            #expect(onlyIds ? Set(distinct.values) == reference : distinct.values == order)
        }
    }

    /// A value drawn so that sets pass through every form: a few integers, dense small ids (a
    /// bitmap), a large id that no bitmap may hold, negative ones, and other types.
    static func value(_ rng: inout SplitMix, style: Int) -> Value {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0 where style > 0: .int(Int64.random(in: 0...(1 << 30), using: &rng))
        case 1 where style > 1: .int(-Int64.random(in: 1...3, using: &rng))
        case 2 where style > 2: .string(["a", "b", "é"][Int.random(in: 0..<3, using: &rng)])
        default: .int(Int64.random(in: 0...400, using: &rng))
        }
    }

    @Test("sets of integers, bitmaps and mixed sets merge into what Set<Value> holds")
    func unions() {
        var rng = SplitMix(state: 11)
        for _ in 0..<400 {
            var sets: [(DistinctValues, Set<Value>)] = []
            for _ in 0..<2 {
                var distinct = DistinctValues(), reference = Set<Value>()
                let style = Int.random(in: 0..<4, using: &rng)
                for _ in 0..<Int.random(in: 0...150, using: &rng) {
                    let value = Self.value(&rng, style: style)
                    #expect(distinct.insert(value) == reference.insert(value).inserted)
                }
                sets.append((distinct, reference))
            }
            var (merged, expected) = sets[0]
            merged.formUnion(sets[1].0)
            expected.formUnion(sets[1].1)
            #expect(merged.count == expected.count)
            #expect(Set(merged.values) == expected)
            // The merged set goes on taking values as a set would.
            for _ in 0..<20 {
                let value = Self.value(&rng, style: 3)
                #expect(merged.insert(value) == expected.insert(value).inserted)
            }
            #expect(Set(merged.values) == expected && merged.count == expected.count)
        }
    }
}

@Suite("Session time zone")
struct SessionTimeZoneTests {
    // 2024-03-10 02:30 and 2024-11-03 01:30 in Los Angeles: the hour skipped and the hour repeated.
    let gap: Int64 = 1_710_037_800_000, overlap: Int64 = 1_730_597_400_000

    @Test("instants read as the zone's wall clock, daylight saving included")
    func local() {
        #expect(SessionTimeZone.local(1_714_039_200_000, in: "America/Los_Angeles") == 1_714_039_200_000 - 7 * 3_600_000)
        #expect(SessionTimeZone.local(1_704_067_200_000, in: "America/Los_Angeles") == 1_704_067_200_000 - 8 * 3_600_000)
        #expect(SessionTimeZone.local(0, in: "Asia/Kolkata") == 19_800_000)
        #expect(SessionTimeZone.local(0, in: "GMT+05:45") == 20_700_000)
        #expect(SessionTimeZone.local(0, in: "-03:30") == -12_600_000)
        #expect(SessionTimeZone.local(5, in: "UTC") == 5)
    }

    @Test("wall clocks in a gap move forward, in an overlap take the later offset (as java.util's calendar)")
    func utc() {
        #expect(SessionTimeZone.utc(gap, in: "America/Los_Angeles") == gap + 8 * 3_600_000)
        #expect(SessionTimeZone.utc(overlap, in: "America/Los_Angeles") == overlap + 8 * 3_600_000)
        #expect(SessionTimeZone.utc(1_714_039_200_000, in: "America/Los_Angeles") == 1_714_039_200_000 + 7 * 3_600_000)
    }

    @Test("zone ids: the tz database, UTC and offsets; anything else is unknown")
    func ids() {
        for id in ["UTC", "GMT", "Z", "Asia/Shanghai", "GMT+8", "UTC-03:30", "+08:00"] { #expect(SessionTimeZone.isKnown(id), "\(id)") }
        for id in ["", "Mars/Olympus", "../etc/passwd", "GMT+99", "+8:0"] { #expect(!SessionTimeZone.isKnown(id), "\(id)") }
    }
}

@Suite("Nested JSON text")
struct NestedJSONTests {
    @Test("readers of JSON text stop past 1,000 levels instead of overflowing the stack")
    func deepNesting() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(JsonValue.count(deep) == nil)
        #expect(NestedText.text(deep, .array(.array(.int))) == .null)
        let shallow = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(JsonValue.count(shallow) == 1)
    }

    @Test("JSON is written as Flink writes it: members sorted, numbers as BigDecimal prints them")
    func flinkText() {
        var parser = NestedText.Parser(bytes: Array(#"{"b": 1e3, "a": [0.0000001, -0, "x\"y"], "c": {"z": true, "y": null}}"#.utf8))
        let node = parser.value()!
        #expect(JsonValue.flinkText(node) == #"{"a":[1E-7,0,"x\"y"],"b":1E+3,"c":{"y":null,"z":true}}"#)
    }
}
