import QueryPlanner

/// `CROSS JOIN UNNEST(arr) AS t (x)` (Flink's Correlate over an array): each row, without its
/// last column (the array, computed by the projection before it), once per element, with the
/// element. A change keeps its kind: a retraction retracts each row its insertion made. With
/// `keepsEmpty` (`LEFT JOIN … ON TRUE`) a row whose array is empty or NULL comes out once,
/// with a NULL element. Stateless: watermarks and the end pass straight through.
public final class UnnestOperator: RowReceiver {
    private let spec: UnnestSpec
    private let output: RowReceiver

    public init(spec: UnnestSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        let base = Array(row.prefix(spec.arraySlot))
        // The array is read once, whatever its length.
        var elements: [Value] = []
        if case .string(let text) = row[spec.arraySlot] { elements = JsonValue.elements(text) ?? [] }
        for element in elements { output.receive(base + [Evaluator.cast(element, to: spec.elementType)], kind) }
        if elements.isEmpty, spec.keepsEmpty { output.receive(base + [.null], kind) }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
