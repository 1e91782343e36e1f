import BigInt
import QueryPlanner
import SQLSyntax
import Testing
@testable import StreamRuntime

/// DECIMAL arithmetic against arbitrary-precision integers: the exact result, rounded HALF_UP
/// to the result's scale, NULL past its precision (what Java's BigDecimal and Flink's
/// `DecimalData.fromBigDecimal` give), on random operands of 1 to 38 digits.
@Suite("DECIMAL arithmetic")
struct DecimalPropertyTests {
    /// `v` (at `from` fraction digits) at `to` fraction digits, HALF_UP.
    static func rounded(_ v: BigInt, from: Int, to: Int) -> BigInt {
        if to >= from { return v * BigInt(10).power(to - from) }
        let divisor = BigInt(10).power(from - to)
        let (q, r) = v.quotientAndRemainder(dividingBy: divisor)
        return r.magnitude * 2 >= divisor.magnitude ? q + (v.signum() < 0 ? -1 : 1) : q
    }

    /// The model's answer as a value of DECIMAL(precision, scale).
    static func expected(_ v: BigInt, precision: Int, scale: Int) -> Value {
        guard v.magnitude < BigUInt(10).power(precision) else { return .null }
        return Value.decimal(Int128(v.description)!, scale: scale)
    }

    /// A random unscaled value of at most `digits` digits, often near the limit.
    static func operand(_ rng: inout SplitMix, digits: Int) -> Int128 {
        let length = Int.random(in: 1...digits, using: &rng)
        var v: Int128 = 0
        let nines = Int.random(in: 0..<8, using: &rng) == 0
        for _ in 0..<length { v = v * 10 + Int128(nines ? 9 : Int.random(in: 0...9, using: &rng)) }
        return Bool.random(using: &rng) ? -v : v
    }

    @Test("add, subtract, multiply, divide, remainder and compare agree with exact arithmetic")
    func againstBigInt() {
        var rng = SplitMix(state: 0xDEC1_3A1)
        for _ in 0..<20_000 {
            let p1 = Int.random(in: 1...38, using: &rng), p2 = Int.random(in: 1...38, using: &rng)
            let s1 = Int.random(in: 0...p1, using: &rng), s2 = Int.random(in: 0...p2, using: &rng)
            let x = Self.operand(&rng, digits: p1), y = Self.operand(&rng, digits: p2)
            let bx = BigInt(x.description)!, by = BigInt(y.description)!
            let a = DataType.decimal(precision: p1, scale: s1), b = DataType.decimal(precision: p2, scale: s2)
            let common = max(s1, s2)
            let ax = bx * BigInt(10).power(common - s1), ay = by * BigInt(10).power(common - s2)
            let context = "x = \(x) scale \(s1), y = \(y) scale \(s2)"

            for op in [BinaryOperator.add, .subtract, .multiply, .divide, .modulo] {
                guard case let .decimal(precision, scale) = DataType.arithmetic(a, b, op) else {
                    Issue.record("not a DECIMAL: \(op)")
                    continue
                }
                let model: Value
                switch op {
                case .add: model = Self.expected(Self.rounded(ax + ay, from: common, to: scale), precision: precision, scale: scale)
                case .subtract: model = Self.expected(Self.rounded(ax - ay, from: common, to: scale), precision: precision, scale: scale)
                case .multiply: model = Self.expected(Self.rounded(bx * by, from: s1 + s2, to: scale), precision: precision, scale: scale)
                case .divide:
                    if y == 0 { model = .null; break }
                    // x / 10^s1 ÷ y / 10^s2 at `scale`: ⌊x × 10^(scale + s2 − s1 + 1) / y⌋, HALF_UP on its last digit.
                    let shift = scale + s2 - s1 + 1
                    let numerator = shift >= 0 ? bx * BigInt(10).power(shift) : bx
                    let denominator = shift >= 0 ? by : by * BigInt(10).power(-shift)
                    let truncated = numerator.quotientAndRemainder(dividingBy: denominator).quotient
                    model = Self.expected(Self.rounded(truncated, from: 1, to: 0), precision: precision, scale: scale)
                default:
                    if y == 0 { model = .null; break }
                    let rest = ax.quotientAndRemainder(dividingBy: ay).remainder  // the dividend's sign, as Java
                    model = Self.expected(Self.rounded(rest, from: common, to: scale), precision: precision, scale: scale)
                }
                let got = Evaluator.arithmetic(op, Value.decimal(x, scale: s1), Value.decimal(y, scale: s2), .decimal(precision: precision, scale: scale))
                // weir gives up on a remainder whose divisor passes 128 bits at the common scale.
                if op == .modulo, got == .null, ay.magnitude.bitWidth > 127 { continue }
                #expect(got == model, "\(op): \(context)")
            }
            let order = Evaluator.compare(Value.decimal(x, scale: s1), Value.decimal(y, scale: s2))
            #expect(order == (ax < ay ? -1 : ax == ay ? 0 : 1), "compare: \(context)")
        }
    }

    @Test("text reads exactly and rounds HALF_UP to the scale; a value has one form")
    func textAndForm() {
        #expect(DecimalText(Array("1234567890123456789012345678901234.5678".utf8))?.unscaled(scale: 4)
                == Int128("12345678901234567890123456789012345678"))
        #expect(DecimalText(Array("-0.125".utf8))?.unscaled(scale: 2) == -13)
        #expect(DecimalText(Array("0.0049".utf8))?.unscaled(scale: 2) == 0)
        #expect(DecimalText(Array("0.005".utf8))?.unscaled(scale: 2) == 1)
        #expect(DecimalText(Array("1e3".utf8))?.unscaled(scale: 1) == 10_000)
        #expect(DecimalText(Array("99999999999999999999999999999999999999.5".utf8))?.unscaled(scale: 0) == nil)
        // Past 64 bits a value is wide; back within them, narrow again, so equal values are ==.
        let wide = Value.decimal(Int128(Int64.max) + 1, scale: 2)
        guard case .wideDecimal = wide else { Issue.record("expected a wide decimal"); return }
        #expect(Evaluator.arithmetic(.subtract, wide, .decimal(1, scale: 2), .decimal(precision: 38, scale: 2)) == Value.decimal(Int64.max, scale: Int8(2)))
    }
}
