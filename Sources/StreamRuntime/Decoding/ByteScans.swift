/// Word-at-a-time byte comparisons and UTF-8 validation used by the decoder.

@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
    if count >= 8 {
        // Up to 16 bytes (the text between a line's values nearly always): two words, overlapping.
        if count <= 16 {
            return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        // Whole words, then the last word (overlapping the one before it).
        var i = 0
        while i + 8 < count {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
            && x.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}

/// UTF-8 validation with an ASCII fast path, eight bytes at a time.
enum UTF8Validation {
    /// Whether every byte is ASCII (then every line in it is valid UTF-8): one pass over a
    /// whole stretch, 32 bytes a step, instead of a call per line.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var i = 0
        var any: UInt64 = 0
        // Blocks of 256 bytes, checked once a block: the inner loop has no exit, so it compiles
        // to vector ORs.
        while i + 256 <= count {
            for word in 0..<32 { any |= raw.loadUnaligned(fromByteOffset: i + word * 8, as: UInt64.self) }
            if any & 0x8080_8080_8080_8080 != 0 { return false }
            i += 256
        }
        while i + 8 <= count {
            any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        if any & 0x8080_8080_8080_8080 != 0 { return false }
        while i < count {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let raw = UnsafeRawPointer(base)
        let highs: UInt64 = 0x8080_8080_8080_8080
        var ascii = true
        while i + 16 <= count {
            if (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & highs != 0 {
                ascii = false
                break
            }
            i += 16
        }
        if ascii, count >= 8 {
            // Under 16 bytes are left: two words, overlapping, cover them.
            let head = raw.loadUnaligned(fromByteOffset: min(i, count - 8), as: UInt64.self)
            if (head | raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) & highs == 0 { return true }
        }
        while i < count {
            let c = base[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            if c & 0xE0 == 0xC0 {
                length = 2; minimum = 0x80; scalar = UInt32(c & 0x1F)
            } else if c & 0xF0 == 0xE0 {
                length = 3; minimum = 0x800; scalar = UInt32(c & 0x0F)
            } else if c & 0xF8 == 0xF0 {
                length = 4; minimum = 0x10000; scalar = UInt32(c & 0x07)
            } else {
                return false
            }
            guard i + length <= count else { return false }
            for k in 1..<length {
                let d = base[i + k]
                guard d & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(d & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar < 0xE000) { return false }
            minimum = 0
            i += length
        }
        return true
    }
}
