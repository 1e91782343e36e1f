import QueryPlanner

/// Deduplication on event time without windows (`ROW_NUMBER() OVER (PARTITION BY k ORDER BY
/// ts [DESC]) … WHERE rn = 1`), as Flink 2.3 does it:
/// - keep the last row: each row at or after its key's kept row replaces it at once
///   (`+I`, then `-U` old, `+U` new), an older one changes nothing;
/// - keep the first row: rows wait until the watermark passes their time, then each key's
///   earliest (the first to arrive among equal times) is written once, `+I`, and the key's
///   later rows change nothing. A row before the watermark when it arrives is late (Flink's
///   RowTimeDeduplicateKeepFirstRowFunction; one exactly at it is written at the next one).
///
/// State is one row per key seen (Flink bounds it with `table.exec.state.ttl`).
public final class DeduplicateOperator: RowReceiver {
    private let spec: DeduplicateSpec
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// Keep last: each key's current row.
    private var kept: [RowKey: [Value]] = [:]
    /// Keep first: each key's earliest row so far, not yet written, with its arrival number.
    private var pending: [RowKey: (row: [Value], time: Int64, sequence: Int, timer: Int)] = [:]
    /// Keep first: Flink's timer heap, one timer per pending key (an earlier row deletes the
    /// timer of the row it replaces, as RowTimeDeduplicateKeepFirstRowFunction does), so keys
    /// due at one watermark are written in Flink's order. Payload: the row's arrival number.
    private var timers = FlinkTimerQueue()
    private var timerKeys: [Int: RowKey] = [:]
    /// Keep first: keys whose row has been written.
    private var written = RowKeySet()
    private var sequence = 0
    private var watermark: Int64 = .min
    /// `table.exec.state.ttl`: a key's kept (or written) row forgotten after this long untouched.
    public var stateTTL: StateTTL?

    /// Drops the state of keys whose TTL ran out; true when `key` itself had.
    private func expire(_ key: RowKey) -> Bool {
        guard var ttl = stateTTL else { return false }
        let expired = ttl.expired(key.values)
        if expired {
            kept[key] = nil
            written.remove(key)
        }
        stateTTL = ttl
        return expired
    }

    private func touch(_ key: RowKey) {
        guard var ttl = stateTTL else { return }
        for stale in ttl.touch(key.values) {
            let stale = RowKey(stale)
            kept[stale] = nil
            written.remove(stale)
        }
        stateTTL = ttl
    }

    public init(spec: DeduplicateSpec, output: RowReceiver, statistics: OperatorStatistics) {
        self.spec = spec
        self.output = output
        self.statistics = statistics
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        if spec.byArrival {
            receiveInArrivalOrder(row, kind)
            return
        }
        guard kind.isAccumulate, let time = row.time(spec.timeSlot) else { return }
        let key = RowKey(row, spec.keys)
        _ = expire(key)
        if spec.keepLast {
            let ranked = row + [.int(1)]
            if let previous = kept[key] {
                guard time >= (previous.time(spec.timeSlot) ?? .min) else { return }
                output.receive(previous, .updateBefore)
                output.receive(ranked, .updateAfter)
            } else {
                output.receive(ranked, .insert)
            }
            kept[key] = ranked
            touch(key)
            return
        }
        if time < watermark {
            statistics.late("Deduplicate")
            return
        }
        guard !written.contains(key) else { return }
        if let current = pending[key] {
            if current.time <= time { return }
            timers.remove(current.timer)
            timerKeys[current.sequence] = nil
        }
        sequence += 1
        let timer = timers.add(at: time, payload: sequence)
        pending[key] = (row + [.int(1)], time, sequence, timer)
        timerKeys[sequence] = key
    }

    /// On processing time, as Flink's ProcTimeDeduplicateKeepFirstRowFunction and
    /// …KeepLastRowFunction: the first row of a key is written at once and the others change
    /// nothing; or each row replaces its key's row at once (`-U` old, `+U` new), unless it
    /// equals it.
    private func receiveInArrivalOrder(_ row: [Value], _ kind: RowKind) {
        guard kind.isAccumulate else { return }
        let key = RowKey(row, spec.keys)
        _ = expire(key)
        let ranked = row + [.int(1)]
        if spec.keepLast {
            if let previous = kept[key] {
                if stateTTL == nil, previous == ranked { return }
                output.receive(previous, .updateBefore)
                output.receive(ranked, .updateAfter)
            } else {
                output.receive(ranked, .insert)
            }
            kept[key] = ranked
        } else {
            guard !written.contains(key) else { return }
            written.insert(key)
            output.receive(ranked, .insert)
        }
        touch(key)
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        while let timer = timers.peek, timer.time <= watermark {
            timers.poll()
            guard let key = timerKeys.removeValue(forKey: timer.payload), let current = pending[key] else { continue }
            pending[key] = nil
            written.insert(key)
            touch(key)
            output.receive(current.row, .insert)
        }
        output.watermark(newWatermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }
}
