import QueryPlanner

/// The layout of the last line read in full: the text around its top-level values, and which
/// wanted field (or none) each value is. NDJSON writers repeat one layout line after line, so
/// a line whose text outside its values equals the shape's is read without looking at names,
/// colons and spaces.
struct LineShape {
    /// The text before each value and after the last, back to back.
    var literals: [UInt8] = []
    /// Where each value's preceding text ends in `literals`.
    var literalEnds: [Int] = []
    /// The wanted field of each value, or -1.
    var fields: [Int] = []
    /// The shape as steps for `EventDecoder.decodeCompiled`, when every value is skipped or
    /// read by a shortcut (empty otherwise: such lines go through `decodeShaped`).
    private(set) var steps: [Step] = []
    /// How many distinct wanted fields the steps write: when it is every field of the row,
    /// a row read by the steps needs no NULLs written first.
    private(set) var fieldsWritten = 0
    /// Whether a line the steps take may still lack the event time (no `.timestamp` step
    /// writes it): only then is it checked after the steps.
    private(set) var mayLackTime = true

    /// One value of the shape: the text before it, and how to read it.
    struct Step {
        enum Read: UInt8 { case skip, string, dynamic, integer, timestamp, decimal }
        var literalStart: Int
        var literalCount: Int
        /// The literal's first and last eight bytes, when it has 8 to 16.
        var head: UInt64 = 0
        var tail: UInt64 = 0
        var read: Read
        var field: Int
        /// An integer's most digits; a decimal's precision times 256 plus its scale (packed:
        /// a wider step slows every step of the loop).
        var digits: Int = 0
    }

    /// Values seen by the general reader in the line being read: field, start, end.
    private var recorded: [(Int, Int, Int)] = []
    private var recording = false

    /// Lines with more values than this are always read in full.
    private static let maximumValues = 64

    var isEmpty: Bool { fields.isEmpty }

    mutating func startRecording() {
        recorded.removeAll(keepingCapacity: true)
        recording = true
    }

    mutating func stopRecording() {
        recording = false
    }

    @inline(__always)
    mutating func record(_ field: Int, _ start: Int, _ end: Int) {
        guard recording else { return }
        if recorded.count == Self.maximumValues { recording = false } else { recorded.append((field, start, end)) }
    }

    /// Takes the layout of `line`, just read in full and found good.
    mutating func learn(from line: UnsafeBufferPointer<UInt8>) {
        defer { recording = false }
        literals.removeAll(keepingCapacity: true)
        literalEnds.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        guard recording else { return }
        var from = 0
        for (field, start, end) in recorded {
            literals.append(contentsOf: line[from..<start])
            literalEnds.append(literals.count)
            fields.append(field)
            from = end
        }
        literals.append(contentsOf: line[from...])
    }

    /// Compiles the learned shape into `steps` for fields read by `shortcuts`.
    mutating func compile(_ shortcuts: [JSONScanner.Shortcut], timeSlot: Int?) {
        steps.removeAll(keepingCapacity: true)
        fieldsWritten = 0
        mayLackTime = true
        var from = 0
        var compiled: [Step] = []
        for (k, field) in fields.enumerated() {
            let read: Step.Read
            var digits = 0
            if field == -1 {
                read = .skip
            } else if field >= 0 {
                switch shortcuts[field] {
                case .none: return
                case .string: read = .string
                case .dynamic: read = .dynamic
                case .timestamp: read = .timestamp
                case .integer(let d):
                    read = .integer
                    digits = d
                case let .decimal(precision, scale):
                    read = .decimal
                    digits = precision << 8 | scale
                }
            } else {
                return
            }
            var step = Step(literalStart: from, literalCount: literalEnds[k] - from, read: read, field: field, digits: digits)
            if step.literalCount >= 8, step.literalCount <= 16 {
                literals.withUnsafeBytes { raw in
                    step.head = raw.loadUnaligned(fromByteOffset: from, as: UInt64.self)
                    step.tail = raw.loadUnaligned(fromByteOffset: literalEnds[k] - 8, as: UInt64.self)
                }
            }
            compiled.append(step)
            from = literalEnds[k]
        }
        steps = compiled
        fieldsWritten = Set(compiled.lazy.filter { $0.read != .skip }.map(\.field)).count
        mayLackTime = timeSlot.map { slot in !compiled.contains { $0.read == .timestamp && $0.field == slot } } ?? false
    }
}
