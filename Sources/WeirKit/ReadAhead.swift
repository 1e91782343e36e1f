import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a pipe on a thread of its own into a few large buffers, so that the copy through the
/// kernel and the writer's turn (`cat file | weir`) overlap decoding instead of alternating
/// with it.
///
/// Invariants: bytes are handed on in the order they were read, each exactly once; a buffer is
/// written by the reading thread only while it is on the free list, and read by the consumer
/// only between `next` handing it on and the following `next` (or `stop`), which returns it.
/// The reading thread never blocks for more than 100 ms without looking at `stopping`, so
/// `stop` returns within that and the descriptor is never read after it.
final class ReadAhead: @unchecked Sendable {
    enum Next {
        /// Bytes read: valid until the next call.
        case chunk(UnsafeRawBufferPointer)
        /// Nothing arrived within the time asked.
        case quiet
        case end
        case failed(errno: Int32)
    }

    private enum Item {
        case data(buffer: Int, count: Int)
        case end
        case failed(Int32)
    }

    private let descriptor: Int32
    private let capacity: Int
    private let buffers: [UnsafeMutableRawPointer]
    private let queue = Mutex<(filled: [Item], free: [Int])>(([], []))
    private let filledCount = DispatchSemaphore(value: 0)
    private let freeCount: DispatchSemaphore
    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    /// The buffer the consumer holds (consumer's side only).
    private var handedOut: Int?

    init(descriptor: Int32, buffers count: Int = 3, capacity: Int = 16 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffers = (0..<count).map { _ in UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16) }
        // Created at 0 and raised: libdispatch traps when a semaphore is freed below its initial value.
        freeCount = DispatchSemaphore(value: 0)
        for _ in 0..<count { freeCount.signal() }
        queue.withLock { $0.free = Array(0..<count) }
        var thread = pthread_t()
        // A POSIX thread rather than a Dispatch worker: it blocks in `poll` and `read`, and
        // must not take one of the workers the decoding uses. It holds the reader until it ends.
        let result = pthread_create(&thread, nil, { argument in
            Unmanaged<ReadAhead>.fromOpaque(argument!).takeRetainedValue().readAll()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        precondition(result == 0, "cannot start the input's reading thread")
        pthread_detach(thread)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// The next bytes read, waiting at most `milliseconds` for them.
    func next(waiting milliseconds: Int64) -> Next {
        giveBack()
        let deadline = DispatchTime.now() + .milliseconds(Int(clamping: milliseconds))
        guard filledCount.wait(timeout: deadline) == .success else { return .quiet }
        switch queue.withLock({ $0.filled.removeFirst() }) {
        case let .data(buffer, count):
            handedOut = buffer
            return .chunk(UnsafeRawBufferPointer(start: buffers[buffer], count: count))
        case .end:
            return .end
        case .failed(let error):
            return .failed(errno: error)
        }
    }

    /// Stops the reading thread and waits for it. Bytes it read and did not hand on are dropped.
    func stop() {
        giveBack()
        stopping.store(true, ordering: .releasing)
        stopped.wait()
    }

    private func giveBack() {
        guard let buffer = handedOut else { return }
        handedOut = nil
        queue.withLock { $0.free.append(buffer) }
        freeCount.signal()
    }

    private var isStopping: Bool { stopping.load(ordering: .acquiring) }

    private func publish(_ item: Item) {
        queue.withLock { $0.filled.append(item) }
        filledCount.signal()
    }

    /// Waits (in 100 ms steps, looking at `stopping`) until the descriptor has bytes or its end.
    private func waitReadable(milliseconds: Int32) -> Bool {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&pollDescriptor, 1, milliseconds) == 1
    }

    /// The reading thread's loop.
    fileprivate func readAll() {
        defer { stopped.signal() }
        while !isStopping {
            guard freeCount.wait(timeout: .now() + .milliseconds(100)) == .success else { continue }
            let buffer = queue.withLock { $0.free.removeLast() }
            let start = buffers[buffer]
            var filled = 0
            var ended = false
            while filled == 0 {
                if isStopping { return }
                guard waitReadable(milliseconds: 100) else { continue }
                let count = read(descriptor, start, capacity)
                if count == 0 {
                    ended = true
                    break
                }
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    publish(.failed(errno))
                    return
                }
                filled = count
            }
            // Keep reading while more input comes within a millisecond, for at most 5 ms: a
            // fast producer hands over stretches long enough to decode on both cores, while a
            // live stream's lines wait 5 ms at most.
            let deadline = DispatchTime.now().uptimeNanoseconds + 5_000_000
            while !ended, filled < capacity - (1 << 16), DispatchTime.now().uptimeNanoseconds < deadline {
                guard waitReadable(milliseconds: 1) else { break }
                let count = read(descriptor, start + filled, capacity - filled)
                if count == 0 { ended = true }
                if count <= 0 { break }
                filled += count
            }
            if filled > 0 {
                publish(.data(buffer: buffer, count: filled))
            } else {
                queue.withLock { $0.free.append(buffer) }
                freeCount.signal()
            }
            if ended {
                publish(.end)
                return
            }
        }
    }
}
