/// When Flink 2.3's local window aggregation (`LocalSlicingWindowAggOperator`) flushes its
/// buffer to the global one, replayed on event times, for a window whose aggregate shows the
/// flushes (`size`: its slice): `LISTAGG(DISTINCT …)` (TUMBLE, CUMULATE) lists each flush's new
/// values in the order of that flush's map (`FlinkHashMapOrder`); a FLOAT SUM (TUMBLE, HOP,
/// CUMULATE) is the sum of each flush's partial sum, rounded to 32 bits.
///
/// The buffer flushes whole when a watermark at or past the next trigger finds a slice in it
/// that the watermark has fired. A row is buffered before the watermark it moves, so the row
/// that moves the watermark past a window's end goes out with that window's rows, and its own
/// window reaches the global aggregation in two flushes. As `FlinkFiringOrder`'s local part
/// (the watermark after every row, as the oracle runs; UTC, no offset).
struct FlinkLocalFlush {
    private let size: Int64
    // Both start at 0, as the Java fields (never initialised).
    private var watermark: Int64 = 0
    private var nextTrigger: Int64 = 0
    /// The earliest slice end buffered since the last flush.
    private var minimumEnd = Int64.max

    init(size: Int64) {
        self.size = size
    }

    /// After a checkpoint's replay, at the run's watermark: the next trigger is the first
    /// after it, as the run had it (no trigger lay between its last crossing and `w`). (Flink
    /// also flushes a full buffer, `table.exec.window-agg.buffer-size`: not replayed.)
    mutating func resume(at w: Int64) {
        guard w > watermark else { return }
        watermark = w
        nextTrigger = FlinkFiringOrder.nextTrigger(w, size)
    }

    /// A row the aggregation takes (past its filter), late or not: the local buffer takes it.
    @inline(__always)
    mutating func buffer(time: Int64) {
        let end = FlinkFiringOrder.start(time, size) &+ size
        if end < minimumEnd { minimumEnd = end }
    }

    /// A new watermark; whether it flushes the buffer.
    mutating func flushes(at w: Int64) -> Bool {
        guard w > watermark else { return false }
        watermark = w
        guard w >= nextTrigger else { return false }
        nextTrigger = FlinkFiringOrder.nextTrigger(w, size)
        guard FlinkFiringOrder.isFired(minimumEnd, w) else { return false }
        minimumEnd = .max
        return true
    }
}
