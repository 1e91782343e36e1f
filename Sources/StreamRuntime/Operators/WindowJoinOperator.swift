import QueryPlanner

/// A window join (Flink's WindowJoinOperator): each side's rows are held per window and key
/// until the watermark (the smaller of the two inputs') passes the window's end; then the two
/// lists are joined, left rows in arrival order, each with the right rows in arrival order.
/// A LEFT join pads left rows that matched nothing, a RIGHT join right rows, a FULL join
/// both (left first). An outer join's other conditions are part of matching. A row whose
/// window has already fired is late and dropped. NULL keys match nothing (their rows are
/// still padded).
public final class WindowJoinOperator: TwoInputOperator {
    private let spec: WindowJoinSpec
    private var residual: PairCondition
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// Per window end: each side's rows, by key, keys in first-seen order.
    private var windows: [Int64: Window] = [:]
    private var ends = MinHeap<Int64>()
    private var watermarks: (left: Int64, right: Int64) = (.min, .min)
    private var finished = (left: false, right: false)
    private var combined: Int64 = .min
    /// Both sides read one input with one watermark strategy. Flink's join then sees the
    /// source's watermark on both sides at once, so a row is late by its own side's watermark
    /// (the other side, read later by weir, has not caught up yet).
    public var sharedSource = false

    private final class Window {
        var keys: [[Value]] = []
        var left: [[Value]: [[Value]]] = [:]
        var right: [[Value]: [[Value]]] = [:]
    }

    public var left: RowReceiver { JoinPort(join: self, isLeft: true) }
    public var right: RowReceiver { JoinPort(join: self, isLeft: false) }

    public init(spec: WindowJoinSpec, output: RowReceiver, statistics: OperatorStatistics) {
        self.spec = spec
        self.output = output
        self.statistics = statistics
        residual = PairCondition(spec.residual, slots: spec.residualSlots, leftWidth: spec.leftWidth)
    }

    func receive(_ row: [Value], isLeft: Bool) {
        guard let end = row.time(isLeft ? spec.leftEnd : spec.rightEnd) else { return }
        if WindowMath.isFired(end, sharedSource ? (isLeft ? watermarks.left : watermarks.right) : combined) {
            statistics.late("WindowJoin")
            return
        }
        let window: Window
        if let existing = windows[end] {
            window = existing
        } else {
            window = Window()
            windows[end] = window
            ends.push(end)
        }
        let key = row.joinKey(isLeft ? spec.leftKeys : spec.rightKeys)
        if window.left[key] == nil, window.right[key] == nil { window.keys.append(key) }
        if isLeft { window.left[key, default: []].append(row) } else { window.right[key, default: []].append(row) }
    }

    func watermark(_ watermark: Int64, isLeft: Bool) {
        if isLeft { watermarks.left = max(watermarks.left, watermark) } else { watermarks.right = max(watermarks.right, watermark) }
        let low = min(watermarks.left, watermarks.right)
        guard low > combined else { return }
        combined = low
        while let end = ends.min, WindowMath.isFired(end, combined) {
            ends.pop()
            if let window = windows.removeValue(forKey: end) { fire(window) }
        }
        output.watermark(combined)
    }

    private func fire(_ window: Window) {
        if let semi = spec.semi {
            // Each left row once: with a match (semi) or without one (anti), as Flink's
            // SemiAntiJoinOperator over the window's rows of one key.
            for key in window.keys {
                guard let lefts = window.left[key] else { continue }
                let rights = key.contains(where: \.isNull) ? [] : window.right[key] ?? []
                for l in lefts {
                    let matched = rights.contains { r in
                        guard let a = spec.nullAwareLeft, let b = spec.nullAwareRight else { return true }
                        return l[a].isNull || r[b].isNull || Evaluator.compare(l[a], r[b]) == 0
                    }
                    if matched == (semi == .semi) { output.receive(l, .insert) }
                }
            }
            return
        }
        let leftPad = Array(repeating: Value.null, count: spec.leftWidth)
        let rightPad = Array(repeating: Value.null, count: spec.rightWidth)
        for key in window.keys {
            let lefts = window.left[key] ?? [], rights = window.right[key] ?? []
            let matches = !key.contains(where: \.isNull)
            switch spec.kind {
            case .right:
                for r in rights {
                    var matched = false
                    if matches {
                        for l in lefts where residual.holds(l, r) {
                            matched = true
                            output.receive(l + r, .insert)
                        }
                    }
                    if !matched { output.receive(leftPad + r, .insert) }
                }
            default:
                var rightMatched = [Bool](repeating: false, count: rights.count)
                for l in lefts {
                    var matched = false
                    if matches {
                        for (index, r) in rights.enumerated() where residual.holds(l, r) {
                            matched = true
                            rightMatched[index] = true
                            output.receive(l + r, .insert)
                        }
                    }
                    if !matched, spec.kind != .inner { output.receive(l + rightPad, .insert) }
                }
                if spec.kind == .full {
                    for (index, r) in rights.enumerated() where !rightMatched[index] { output.receive(leftPad + r, .insert) }
                }
            }
        }
    }

    func finish(isLeft: Bool) {
        if isLeft { finished.left = true } else { finished.right = true }
        watermark(.max, isLeft: isLeft)
        if finished.left, finished.right { output.finish() }
    }
}
