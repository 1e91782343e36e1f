import QueryPlanner

/// Filters and projects rows: `plan` reads its input's columns as a table's fields.
public final class CalcOperator: RowReceiver {
    private let plan: QueryPlan
    /// For each field the plan reads, the input column holding it.
    private let fieldColumns: [Int]
    private let output: RowReceiver
    private var fields: [Value]

    /// The field after the plan's that holds `CURRENT_WATERMARK`, when the plan reads it.
    private let watermarkField: Int?
    /// A plan that only picks columns (no filter, no expression): the input columns it
    /// writes, read straight from the row; nil for other plans.
    private let pickedColumns: [Int]?
    /// The picked columns are the row as it is.
    private let passesRows: Bool
    private var currentWatermark: Int64 = .min

    public init(plan: QueryPlan, inputColumns: [Column], output: RowReceiver) {
        var plan = plan
        self.output = output
        fieldColumns = plan.fields.map { field in
            inputColumns.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0
        }
        let readsWatermark = (plan.filter?.readsWatermark ?? false) || plan.projections.contains(where: \.readsWatermark)
        watermarkField = readsWatermark ? plan.fields.count : nil
        if let slot = watermarkField {
            // CURRENT_WATERMARK(ts) reads the field this operator keeps up to date.
            let substitute: (BoundExpression) -> BoundExpression? = { if case .call(.currentWatermark, _, _) = $0 { .slot(slot) } else { nil } }
            plan.filter = plan.filter?.replacing(substitute)
            plan.projections = plan.projections.map { $0.replacing(substitute) }
        }
        self.plan = plan
        fields = Array(repeating: .null, count: plan.fields.count + (readsWatermark ? 1 : 0))
        var picked: [Int]? = []
        for projection in plan.projections {
            if case .slot(let field) = projection, field < fieldColumns.count { picked?.append(fieldColumns[field]) } else { picked = nil }
        }
        if plan.filter != nil || readsWatermark { picked = nil }
        pickedColumns = picked
        passesRows = picked == Array(inputColumns.indices)
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        if let picked = pickedColumns {
            output.receive(passesRows ? row : picked.map { row[$0] }, kind)
            return
        }
        for (i, column) in fieldColumns.enumerated() { fields[i] = row[column] }
        if let slot = watermarkField { fields[slot] = currentWatermark == .min ? .null : .timestamp(currentWatermark) }
        if let filter = plan.filter, !Evaluator.holds(filter, fields) { return }
        output.receive(plan.projections.map { Evaluator.evaluate($0, fields) }, kind)
    }

    public func watermark(_ watermark: Int64) {
        currentWatermark = max(currentWatermark, watermark)
        output.watermark(watermark)
    }
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

/// Each row once per grouping set, in the sets' order, with the row's kind (Flink's Expand):
/// one projection per set over the same input.
public final class ExpandOperator: RowReceiver {
    private let projections: [CalcOperator]
    private let output: RowReceiver

    /// Passes rows on; the watermark and the end go once, from the operator itself.
    private final class RowsOnly: RowReceiver {
        let output: RowReceiver
        init(_ output: RowReceiver) { self.output = output }
        func receive(_ row: [Value], _ kind: RowKind) { output.receive(row, kind) }
        func watermark(_ watermark: Int64) {}
        func finish() {}
    }

    public init(plans: [QueryPlan], inputColumns: [Column], output: RowReceiver) {
        let rows = RowsOnly(output)
        projections = plans.map { CalcOperator(plan: $0, inputColumns: inputColumns, output: rows) }
        self.output = output
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        for projection in projections { projection.receive(row, kind) }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
