import QueryPlanner

/// `CROSS JOIN UNNEST(arr) AS t (x)` (Flink's Correlate over an array): each row, without its
/// last column (the array, computed by the projection before it), once per element, with the
/// element. A change keeps its kind: a retraction retracts each row its insertion made. With
/// `keepsEmpty` (`LEFT JOIN … ON TRUE`) a row whose array is empty or NULL comes out once,
/// with a NULL element. Stateless: watermarks and the end pass straight through.
public final class UnnestOperator: RowReceiver {
    private let spec: UnnestSpec
    private let output: RowReceiver

    /// The ROW element's fields as declared (their JSON names), beside the columns' names.
    private let declaredFields: [Column]

    public init(spec: UnnestSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
        if case .row(let fields) = spec.elementType { declaredFields = fields } else { declaredFields = [] }
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        let base = Array(row.prefix(spec.arraySlot))
        if spec.replicates {
            if case .int(let count) = row[spec.arraySlot], count > 0 {
                for _ in 0..<count { output.receive(base, kind) }
            }
            return
        }
        // The array is read once, whatever its length.
        var elements: [Value] = []
        if case .string(let text) = row[spec.arraySlot] { elements = JsonValue.elements(text, containers: spec.elementType.isJSONText) ?? [] }
        let fields = spec.elementFields
        var emitted = false
        for (position, element) in elements.enumerated() {
            var out: [Value]
            if fields.isEmpty {
                out = base + [Evaluator.cast(element, to: spec.elementType)]
            } else if case .string(let text) = element {
                // A ROW element: its fields by name. A NULL element makes no row, as in Flink
                // (checked: [{…}, null] gives one row, with LEFT JOIN too).
                out = base + zip(fields, declaredFields).map { field, declared in
                    field.type.isJSONText ? JsonValue.dynamicItem(element, .string(declared.name), keepsOrder: true)
                        : Evaluator.cast(JsonValue.evaluate(text, [.member(declared.name)]), to: field.type)
                }
            } else {
                continue
            }
            if spec.ordinalityName != nil { out.append(.int(Int64(position + 1))) }
            output.receive(out, kind)
            emitted = true
        }
        if !emitted, spec.keepsEmpty { output.receive(base + Array(repeating: .null, count: spec.elementColumns.count), kind) }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
