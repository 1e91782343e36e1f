import Dispatch
import Testing
@testable import WeirKit
#if canImport(Glibc)
import Glibc
#endif

/// A pipe is read by a thread of its own (ReadAhead) into an enlarged pipe: every byte must
/// come through once, in order, however the writer cuts its writes, and a reader told to stop
/// must stop without reading on.
@Suite("Reading a pipe")
struct PipeReadingTests {
    /// Writes `bytes` into a new pipe from another thread in writes of random sizes, with pauses;
    /// `written` is signalled when the writer is done (it closes its end first when `close`).
    /// A test waits for it before returning: a descriptor closed under a writer could be
    /// reused by another test's pipe, which would then receive this one's bytes.
    private static func pipe(writing bytes: [UInt8], seed: UInt64, close: Bool = true,
                             written: DispatchSemaphore = DispatchSemaphore(value: 0)) -> (read: Int32, write: Int32) {
        signal(SIGPIPE, SIG_IGN)  // the writer of a pipe whose reader stopped gets EPIPE instead
        var ends: [Int32] = [0, 0]
        _ = Glibc.pipe(&ends)
        let writeEnd = ends[1]
        DispatchQueue.global().async {
            var random = seed
            var offset = 0
            while offset < bytes.count {
                random = random &* 6364136223846793005 &+ 1442695040888963407
                let size = min(bytes.count - offset, Int(random >> 33) % 300_000 + 1)
                let written = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, size) }
                if written <= 0 { break }
                offset += written
                if random & 0xF == 0 { usleep(2_000) }
            }
            if close { Glibc.close(writeEnd) }
            written.signal()
        }
        return (ends[0], writeEnd)
    }

    @Test("every byte arrives once and in order, however the writes are cut", arguments: [1, 2, 3] as [UInt64])
    func everyByte(seed: UInt64) throws {
        var random = seed
        let bytes = (0..<9_000_000).map { _ -> UInt8 in
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: random >> 40)
        }
        let written = DispatchSemaphore(value: 0)
        let (readEnd, _) = Self.pipe(writing: bytes, seed: seed, written: written)
        defer {
            written.wait()
            close(readEnd)
        }
        let source = try FileSource(path: "/dev/fd/\(readEnd)")
        var received: [UInt8] = []
        received.reserveCapacity(bytes.count)
        try source.forEachChunk({ chunk in
            received.append(contentsOf: chunk)
            return true
        }, idle: { _ in true })
        #expect(received.count == bytes.count)
        #expect(received == bytes ? true : false)
        #expect(source.bytesRead == bytes.count)
    }

    @Test("a reader told to stop returns, and what it had not handed on is not counted")
    func stopsEarly() throws {
        let bytes = [UInt8](repeating: 0x41, count: 20_000_000)
        let written = DispatchSemaphore(value: 0)
        let (readEnd, _) = Self.pipe(writing: bytes, seed: 7, written: written)
        do {
            let source = try FileSource(path: "/dev/fd/\(readEnd)")
            var handed = 0
            try source.forEachChunk({ chunk in
                handed += chunk.count
                return handed < 5_000_000
            }, idle: { _ in true })
            #expect(handed >= 5_000_000)
            #expect(source.bytesRead == handed)
        }
        close(readEnd)
        written.wait()  // the writer got EPIPE and closed its end
    }

    @Test("a quiet pipe calls idle, and idle returning false stops the reading")
    func quietPipe() throws {
        let written = DispatchSemaphore(value: 0)
        let (readEnd, writeEnd) = Self.pipe(writing: Array("{\"a\": 1}\n".utf8), seed: 3, close: false, written: written)
        defer {
            written.wait()
            close(readEnd)
            close(writeEnd)
        }
        let source = try FileSource(path: "/dev/fd/\(readEnd)")
        var received = 0, idles = 0
        try source.forEachChunk({ chunk in
            received += chunk.count
            return true
        }, idle: { _ in
            idles += 1
            return idles < 3
        })
        #expect(received == 9)
        #expect(idles == 3)
    }
}
