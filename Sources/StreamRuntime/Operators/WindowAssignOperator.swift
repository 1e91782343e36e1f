import QueryPlanner

/// A window TVF over a changelog (Flink's WindowTableFunction before a window aggregation):
/// each row once per window containing its time, with `window_start`, `window_end` and
/// `window_time` appended and its kind kept, so a retraction reaches the windows its row was
/// counted in. A row without a time belongs to no window.
public final class WindowAssignOperator: RowReceiver {
    private let spec: WindowAssignSpec
    private let output: RowReceiver

    public init(spec: WindowAssignSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard let time = row.time(spec.timeSlot) else { return }
        for (start, end) in WindowMath.windows(containing: time, spec.window) {
            output.receive(row + [.timestamp(start), .timestamp(end), .timestamp(end - 1)], kind)
        }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
