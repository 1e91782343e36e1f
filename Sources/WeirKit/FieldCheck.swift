import SQLSyntax
import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A field a query names on a stream no `CREATE TABLE` declares, which the input never holds,
/// is NULL in every row: a misspelt name gives NULL groups without a word. This looks at the
/// first lines of the input (10,000, or 4 MB) and names such fields, with the key meant.
final class FieldCheck {
    private let fields: [String]
    private let table: String
    private let warn: (String) -> Void
    private var buffer: [UInt8] = []
    private var lines = 0
    private var done = false
    static let lineLimit = 10_000
    static let byteLimit = 4 << 20

    init?(plans: [QueryPlan], warn: @escaping (String) -> Void) {
        let inferred = plans.filter { $0.table.isInferred }
        guard let first = inferred.first else { return nil }
        var names: [String] = []
        for plan in inferred {
            // A nested field (`user.id`) is looked for by its outermost object's key.
            for field in plan.fields {
                let name = String(field.name.split(separator: nestedPathSeparator).first ?? Substring(field.name))
                if !WindowColumn.names.contains(name) && !names.contains(name) { names.append(name) }
            }
        }
        guard !names.isEmpty else { return nil }
        fields = names
        table = first.table.name
        self.warn = warn
    }

    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !done else { return }
        // Only the lines looked at are kept: up to the limit's last newline, or the byte limit.
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        if lines == 0, buffer.isEmpty, let newline = memchr(base, 0x0A, min(chunk.count, Self.byteLimit)) {
            // Every field in the first line: none can be missing, nothing more to look at.
            var keys = Set<String>()
            _ = SampleTypes.scan(Array(UnsafeRawBufferPointer(start: base, count: UnsafeRawPointer(newline) - base + 1)), columns: []) { key in
                keys.insert(key.lowercased())
            }
            if fields.allSatisfy({ keys.contains($0.lowercased()) }) {
                done = true
                return
            }
        }
        let room = min(chunk.count, Self.byteLimit - buffer.count)
        var taken = 0
        while lines < Self.lineLimit, taken < room,
              let newline = memchr(base + taken, 0x0A, room - taken) {
            taken = UnsafeRawPointer(newline) - base + 1
            lines += 1
        }
        if lines < Self.lineLimit { taken = room }
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: base, count: taken))
        if lines >= Self.lineLimit || buffer.count >= Self.byteLimit { report(whole: false) }
    }

    func finish() {
        if !done { report(whole: true) }
    }

    private func report(whole: Bool) {
        done = true
        if !whole, let end = buffer.lastIndex(of: 0x0A) { buffer.removeSubrange((end + 1)...) }
        guard buffer.contains(0x0A) || whole, !buffer.isEmpty else { return }
        var keys: [String] = []
        var seen = Set<String>()
        _ = SampleTypes.scan(buffer, columns: []) { key in
            if seen.insert(key.lowercased()).inserted { keys.append(key) }
        }
        guard !keys.isEmpty else { return }  // not JSON objects: the bad lines say so
        for field in fields where !seen.contains(field.lowercased()) {
            let count = buffer.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let hint = closestName(to: field, among: keys).map { "; did you mean \($0)?" } ?? ""
            let extent = whole ? "in the input of \(table)" : "in the first \(count.formatted) lines of the input of \(table)"
            warn("field \(field) never appeared \(extent), so it is NULL in every row\(hint)")
        }
        buffer = []
    }
}
