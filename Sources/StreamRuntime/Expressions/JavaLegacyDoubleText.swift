/// `Double.toString` and `Float.toString` as Java 17 writes them (the JDK's `FloatingDecimal`
/// before Java 19 replaced it with the shortest digits): Flink 2.3 runs on Java 17, so its JSON
/// numbers and its CAST(… AS STRING) show these digits, which are not always the shortest
/// (`3.3999999E10` for the FLOAT 3.4E10, `9.999999999999999E22` for 1.0E23). Checked against
/// Java 17 on 20,000 values of each type (`JavaNumberTests` holds a sample).
///
/// The digits are developed as the JDK develops them: numbers that scale into a 64-bit integer
/// exactly take the integer path; the rest divide B by S digit by digit (in 32-bit, 64-bit
/// or big-integer arithmetic, by their size, with Java's wrap-around where it wraps) until the
/// remainder is within M (half an ulp, scaled) of either end, then round the last digit.
enum JavaLegacyDoubleText {
    /// `Double.toString(d)` of Java 17, for a finite, non-zero `d`: value = 0.d₁d₂… × 10^e.
    /// `compatible` false: the digits `String.format`'s `%f` and `%e` round from
    /// (`FormattedFloatingDecimal`), which never stop at the first digit.
    static func digits(_ d: Double, compatible: Bool = true) -> (digits: [UInt8], decimalExponent: Int) {
        let (binExp, fractBits, nSignificantBits) = unpacked(d)
        return dtoa(binExp, fractBits, nSignificantBits, compatible: compatible)
    }

    /// `Float.toString(f)` of Java 17, for a finite, non-zero `f`.
    static func digits(float f: Float) -> (digits: [UInt8], decimalExponent: Int) {
        let (binExp, fractBits, nSignificantBits) = unpacked(f)
        return dtoa(binExp, fractBits, nSignificantBits, compatible: true)
    }

    /// The binary exponent, the significand with its leading 1 at bit 52 (a float's moved up
    /// there, as Java shifts it), and how many of its bits are significant (fewer for a
    /// subnormal, which is normalized).
    private static func unpacked<T: BinaryFloatingPoint>(_ x: T) -> (binExp: Int, fractBits: Int64, nSignificantBits: Int) {
        let width = T.significandBitCount
        var fractBits = Int64(x.significandBitPattern)
        var binExp = Int(x.exponentBitPattern)
        let nSignificantBits: Int
        if binExp != 0 {
            fractBits |= 1 << width
            nSignificantBits = width + 1
        } else {
            let leadingZeros = fractBits.leadingZeroBitCount
            let shift = leadingZeros - (63 - width)
            fractBits <<= shift
            binExp = 1 - shift
            nSignificantBits = 64 - leadingZeros
        }
        let bias = (1 << (T.exponentBitCount - 1)) - 1
        return (binExp - bias, fractBits << (52 - width), nSignificantBits)
    }

    /// The text Java writes for `digits` × 10^(decimalExponent − 1), as `getChars` lays it out:
    /// plain from 10^-3 up to 10^7, else `d.dddE±n`; at least one digit after the point.
    static func text(_ parsed: (digits: [UInt8], decimalExponent: Int), negative: Bool) -> String {
        let (digits, decExponent) = parsed
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        let zero = UInt8(ascii: "0")
        if decExponent > 0, decExponent < 8 {
            let integral = min(digits.count, decExponent)
            out += digits[..<integral].map { $0 + zero }
            if integral < decExponent {
                out += [UInt8](repeating: zero, count: decExponent - integral)
                out += Array(".0".utf8)
            } else {
                out.append(UInt8(ascii: "."))
                if integral < digits.count { out += digits[integral...].map { $0 + zero } } else { out.append(zero) }
            }
        } else if decExponent <= 0, decExponent > -3 {
            out += Array("0.".utf8)
            out += [UInt8](repeating: zero, count: -decExponent)
            out += digits.map { $0 + zero }
        } else {
            out.append(digits[0] + zero)
            out.append(UInt8(ascii: "."))
            if digits.count > 1 { out += digits[1...].map { $0 + zero } } else { out.append(zero) }
            out.append(UInt8(ascii: "E"))
            out += Array((decExponent <= 0 ? "-\(-decExponent + 1)" : "\(decExponent - 1)").utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let longPow5: [Int64] = (0...26).map { n in (0..<n).reduce(Int64(1)) { r, _ in r * 5 } }
    /// About ceil(log2(5^i)).
    private static let bitsOf5: [Int] = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61]
    private static let insignificantForPow2: [Int] = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
                                                      8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14,
                                                      15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19]

    private static func dtoa(_ binExp: Int, _ fractBitsIn: Int64, _ nSignificantBits: Int,
                             compatible: Bool) -> (digits: [UInt8], decimalExponent: Int) {
        var fractBits = fractBitsIn
        let tailZeros = fractBits.trailingZeroBitCount
        let nFractBits = 53 - tailZeros
        let nTinyBits = max(0, nFractBits - binExp - 1)
        if binExp <= 62, binExp >= -21, nTinyBits < longPow5.count, nFractBits + bitsOf5[nTinyBits] < 64, nTinyBits == 0 {
            // The integer path: the value is an integer of at most 63 bits.
            let insignificant = binExp > nSignificantBits && binExp - nSignificantBits - 1 > 1
                && binExp - nSignificantBits - 1 < insignificantForPow2.count ? insignificantForPow2[binExp - nSignificantBits - 1] : 0
            if binExp >= 52 { fractBits <<= (binExp - 52) } else { fractBits = Int64(bitPattern: UInt64(bitPattern: fractBits) >> UInt64(52 - binExp)) }
            return longDigits(fractBits, insignificant)
        }
        var decExp = estimateDecExp(fractBits, binExp)
        let b5 = max(0, -decExp)
        var b2 = b5 + nTinyBits + binExp
        let s5 = max(0, decExp)
        var s2 = s5 + nTinyBits
        let m5 = b5
        var m2 = b2 - nSignificantBits
        fractBits = Int64(bitPattern: UInt64(bitPattern: fractBits) >> UInt64(tailZeros))
        b2 -= nFractBits - 1
        let common2 = min(b2, s2)
        b2 -= common2
        s2 -= common2
        m2 -= common2
        if nFractBits == 1 { m2 -= 1 }
        if m2 < 0 {
            b2 -= m2
            s2 -= m2
            m2 = 0
        }
        var digits: [UInt8] = []
        var low = false, high = false
        var lowDigitDifference: Int64 = 0
        let bBits = nFractBits + b2 + (b5 < bitsOf5.count ? bitsOf5[b5] : b5 * 3)
        let tenSBits = s2 + 1 + (s5 + 1 < bitsOf5.count ? bitsOf5[s5 + 1] : (s5 + 1) * 3)
        // Java keeps at least one digit after the point in E form: the stop tests are ignored
        // after the first digit there.
        func keepsGoing() -> Bool { !compatible || decExp < -3 || decExp >= 8 }
        if bBits < 64, tenSBits < 64 {
            // In Java's int arithmetic when everything fits 32 bits, else in its long arithmetic.
            if bBits < 32, tenSBits < 32 {
                (low, high, lowDigitDifference) = fixedDigits(
                    (Int32(truncatingIfNeeded: fractBits) &* Int32(longPow5[b5])) << Int32(b2), Int32(longPow5[s5]) << Int32(s2),
                    Int32(longPow5[m5]) << Int32(m2), &decExp, &digits, compatible: compatible)
            } else {
                (low, high, lowDigitDifference) = fixedDigits(
                    (fractBits &* longPow5[b5]) << Int64(b2), longPow5[s5] << Int64(s2), longPow5[m5] << Int64(m2),
                    &decExp, &digits, compatible: compatible)
            }
        } else {
            let s = BigNatural(UInt64(1)).timesPow5(s5).shiftedLeft(s2)
            var b = BigNatural(UInt64(fractBits)).timesPow5(b5).shiftedLeft(b2)
            var m = BigNatural(UInt64(1)).timesPow5(m5).shiftedLeft(m2)
            let tenS = s.times(10)
            // One digit: q = b / s, b = 10 × (b mod s) (as FDBigInteger.quoRemIteration).
            func nextDigit() -> Int {
                var q = 0
                while b >= s {
                    b = b.minus(s)
                    q += 1
                }
                b = b.times(10)
                return q
            }
            m = m.times(10)
            var q = nextDigit()
            low = b < m
            high = tenS <= b.plus(m)
            if q == 0, !high { decExp -= 1 } else { digits.append(UInt8(q)) }
            if keepsGoing() { low = false; high = false }
            while !low, !high {
                q = nextDigit()
                m = m.times(10)
                low = b < m
                high = tenS <= b.plus(m)
                digits.append(UInt8(q))
            }
            if high, low {
                let doubled = b.shiftedLeft(1)
                lowDigitDifference = doubled < tenS ? -1 : doubled == tenS ? 0 : 1
            }
        }
        var decimalExponent = decExp + 1
        if high {
            if !low || lowDigitDifference > 0 || lowDigitDifference == 0 && digits[digits.count - 1] & 1 != 0 {
                roundUp(&digits, &decimalExponent)
            }
        }
        return (digits, decimalExponent)
    }

    /// The digit loop in Java's fixed-width arithmetic (`int` or `long`, wrapping where Java
    /// wraps: an M that overflows stops the loop), for B, S and M that fit: the digits of B / S
    /// until the remainder is within M of either end; returns the stop tests and 2B − 10S.
    private static func fixedDigits<T: FixedWidthInteger & SignedInteger>(_ b0: T, _ s: T, _ m0: T, _ decExp: inout Int,
                                                                         _ digits: inout [UInt8], compatible: Bool)
        -> (low: Bool, high: Bool, lowDigitDifference: Int64) {
        var b = b0, m = m0
        let tens = s &* 10
        var q = b / s
        b = 10 &* (b % s)
        m = m &* 10
        var low = b < m
        var high = b &+ m > tens
        if q == 0, !high { decExp -= 1 } else { digits.append(UInt8(q)) }
        // Java keeps at least one digit after the point in E form: the stop tests are ignored
        // after the first digit there.
        if !compatible || decExp < -3 || decExp >= 8 {
            low = false
            high = false
        }
        while !low, !high {
            q = b / s
            b = 10 &* (b % s)
            m = m &* 10
            if m > 0 {
                low = b < m
                high = b &+ m > tens
            } else {
                low = true
                high = true
            }
            digits.append(UInt8(q))
        }
        return (low, high, Int64((b << 1) &- tens))
    }

    private static func roundUp(_ digits: inout [UInt8], _ decimalExponent: inout Int) {
        var i = digits.count - 1
        if digits[i] == 9 {
            while digits[i] == 9, i > 0 {
                digits[i] = 0
                i -= 1
            }
            if digits[i] == 9 {
                // Carried out of the first digit: 1 and zeros, one more in the exponent.
                decimalExponent += 1
                digits[0] = 1
                return
            }
        }
        digits[i] += 1
    }

    /// The digits of `value` (an integer), the lowest `insignificant` rounded away, trailing
    /// zeros dropped.
    private static func longDigits(_ value: Int64, _ insignificant: Int) -> (digits: [UInt8], decimalExponent: Int) {
        var value = value
        var exponent = 0
        if insignificant != 0 {
            let pow10 = longPow5[insignificant] << Int64(insignificant)
            let residue = value % pow10
            value /= pow10
            exponent += insignificant
            if residue >= pow10 >> 1 { value += 1 }
        }
        var c = value % 10
        value /= 10
        while c == 0 {
            exponent += 1
            c = value % 10
            value /= 10
        }
        var reversed: [UInt8] = []
        while value != 0 {
            reversed.append(UInt8(c))
            exponent += 1
            c = value % 10
            value /= 10
        }
        reversed.append(UInt8(c))
        return (reversed.reversed(), exponent + 1)
    }

    /// Java's estimate of floor(log10(value)), from its leading bits and binary exponent.
    private static func estimateDecExp(_ fractBits: Int64, _ binExp: Int) -> Int {
        let d2 = Double(bitPattern: 0x3FF0_0000_0000_0000 | (UInt64(bitPattern: fractBits) & 0x000F_FFFF_FFFF_FFFF))
        let d = (d2 - 1.5) * 0.289529654 + 0.176091259 + Double(binExp) * 0.301029995663981
        let dBits = d.bitPattern
        let exponent = Int((dBits >> 52) & 0x7FF) - 1023
        let isNegative = dBits >> 63 != 0
        if exponent >= 0, exponent < 52 {
            let mask = UInt64(0x000F_FFFF_FFFF_FFFF) >> UInt64(exponent)
            let r = Int(((dBits & 0x000F_FFFF_FFFF_FFFF) | (1 << 52)) >> UInt64(52 - exponent))
            return isNegative ? (mask & dBits == 0 ? -r : -r - 1) : r
        } else if exponent < 0 {
            return dBits & ~(1 << 63) == 0 ? 0 : isNegative ? -1 : 0
        } else {
            return Int(d)
        }
    }
}

/// A natural number of any size, little-endian 32-bit limbs: what the digit loop needs.
private struct BigNatural: Comparable {
    var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        trim()
    }

    private mutating func trim() {
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    }

    func times(_ factor: UInt32) -> BigNatural {
        var out: [UInt32] = []
        out.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for limb in limbs {
            let product = UInt64(limb) * UInt64(factor) + carry
            out.append(UInt32(truncatingIfNeeded: product))
            carry = product >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        return BigNatural(limbs: out)
    }

    func timesPow5(_ n: Int) -> BigNatural {
        var out = self
        var left = n
        while left >= 13 {
            out = out.times(1_220_703_125)  // 5^13
            left -= 13
        }
        if left > 0 { out = out.times(UInt32((0..<left).reduce(1) { r, _ in r * 5 })) }
        return out
    }

    func shiftedLeft(_ n: Int) -> BigNatural {
        guard n > 0 else { return self }
        let words = n / 32, bits = n % 32
        var out = [UInt32](repeating: 0, count: words)
        var carry: UInt32 = 0
        for limb in limbs {
            out.append(bits == 0 ? limb : limb << UInt32(bits) | carry)
            carry = bits == 0 ? 0 : limb >> UInt32(32 - bits)
        }
        if carry != 0 { out.append(carry) }
        return BigNatural(limbs: out)
    }

    func plus(_ other: BigNatural) -> BigNatural {
        var out: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(limbs.count, other.limbs.count) {
            let sum = UInt64(i < limbs.count ? limbs[i] : 0) + UInt64(i < other.limbs.count ? other.limbs[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        return BigNatural(limbs: out)
    }

    /// `self - other`, for `other <= self`.
    func minus(_ other: BigNatural) -> BigNatural {
        var out: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<limbs.count {
            var difference = Int64(limbs[i]) - Int64(i < other.limbs.count ? other.limbs[i] : 0) - borrow
            borrow = 0
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            }
            out.append(UInt32(difference))
        }
        return BigNatural(limbs: out)
    }

    static func < (a: BigNatural, b: BigNatural) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }
}
