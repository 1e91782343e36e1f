import QueryPlanner

/// Filters and projects rows: `plan` reads its input's columns as a table's fields.
public final class CalcOperator: RowReceiver {
    private let plan: QueryPlan
    /// For each field the plan reads, the input column holding it.
    private let fieldColumns: [Int]
    private let output: RowReceiver
    private var fields: [Value]

    public init(plan: QueryPlan, inputColumns: [Column], output: RowReceiver) {
        self.plan = plan
        self.output = output
        fieldColumns = plan.fields.map { field in
            inputColumns.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0
        }
        fields = Array(repeating: .null, count: plan.fields.count)
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        for (i, column) in fieldColumns.enumerated() { fields[i] = row[column] }
        if let filter = plan.filter, !Evaluator.holds(filter, fields) { return }
        output.receive(plan.projections.map { Evaluator.evaluate($0, fields) }, kind)
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}

/// Several inputs into one: rows pass as they come; the watermark is the smallest of the
/// inputs' (an input that ended counts as +∞), so no input's rows can be late because of
/// another's.
public final class UnionOperator {
    private let output: RowReceiver
    private var watermarks: [Int64]
    private var finished: [Bool]
    private var current: Int64 = .min

    public init(inputs: Int, output: RowReceiver) {
        self.output = output
        watermarks = Array(repeating: .min, count: inputs)
        finished = Array(repeating: false, count: inputs)
    }

    /// The receiver of input `index`.
    public func input(_ index: Int) -> RowReceiver { Port(union: self, index: index) }

    fileprivate func receive(_ row: [Value], _ kind: RowKind) { output.receive(row, kind) }

    fileprivate func watermark(_ watermark: Int64, from index: Int) {
        watermarks[index] = max(watermarks[index], watermark)
        let low = watermarks.min()!
        if low > current {
            current = low
            output.watermark(low)
        }
    }

    fileprivate func finish(_ index: Int) {
        finished[index] = true
        watermark(.max, from: index)
        if finished.allSatisfy({ $0 }) { output.finish() }
    }

    private final class Port: RowReceiver {
        let union: UnionOperator
        let index: Int
        init(union: UnionOperator, index: Int) {
            self.union = union
            self.index = index
        }
        func receive(_ row: [Value], _ kind: RowKind) { union.receive(row, kind) }
        func watermark(_ watermark: Int64) { union.watermark(watermark, from: index) }
        func finish() { union.finish(index) }
    }
}
