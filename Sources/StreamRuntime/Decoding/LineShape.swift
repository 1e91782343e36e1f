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
}
