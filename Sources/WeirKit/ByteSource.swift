#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a query's input bytes come from.
public protocol ByteSource {
    /// Calls `body` with each chunk until the input ends or `body` returns false. When the
    /// source can tell that no byte has arrived for a while (`--idle-timeout`), it calls `idle`
    /// with the milliseconds waited; `idle` returning false stops reading too.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws

    /// A reader that hands out the bytes a piece at a time, when asked: for reading several
    /// inputs in turn.
    func pullReader() -> PullReader
}

/// Bytes read on demand: `next` returns up to `limit` bytes, nil at the end.
public protocol PullReader: AnyObject {
    func next(upTo limit: Int) throws -> [UInt8]?
}

/// Bytes held in memory, fed in chunks of a given size (tests use small chunks to cut lines).
public struct MemorySource: ByteSource {
    public var bytes: [UInt8]
    public var chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public init(_ text: String, chunkSize: Int = 1 << 16) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    public func pullReader() -> PullReader { MemoryReader(bytes) }

    private final class MemoryReader: PullReader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func next(upTo limit: Int) -> [UInt8]? {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + limit)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    public func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let end = min(raw.count, offset + chunkSize)
                if !body(UnsafeRawBufferPointer(rebasing: raw[offset..<end])) { return }
                offset = end
            }
        }
    }
}

/// An error opening or reading an input file.
public struct InputError: Error, CustomStringConvertible {
    public var description: String
    /// Ctrl-C (or another signal) stopped the wait: not a failure to report as one.
    public var cancelled = false

    public init(description: String, cancelled: Bool = false) {
        self.description = description
        self.cancelled = cancelled
    }
}

/// A mapped input file that shrinks while it is read (log rotation with `copytruncate`)
/// would kill the process with SIGBUS at the first page past its new end. The chunk being
/// read is registered here; a fault inside it maps pages of newlines over the rest of the
/// chunk, so the reader sees blank lines past the end, and the source then stops at the
/// file's new size. Any other SIGBUS is left to the default action.
enum MappedFileGuard {
    nonisolated(unsafe) static var chunkStart: UInt = 0
    nonisolated(unsafe) static var chunkEnd: UInt = 0
    nonisolated(unsafe) static var faulted: sig_atomic_t = 0

    static let install: Void = {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, _ in
            let address = UInt(bitPattern: info?.pointee._sifields._sigfault.si_addr)
            let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
            guard address >= MappedFileGuard.chunkStart, address < MappedFileGuard.chunkEnd else {
                Glibc.signal(signal, SIG_DFL)
                return  // the fault repeats, now with the default action
            }
            let from = address / page * page
            let length = Int((MappedFileGuard.chunkEnd - from + page - 1) / page * page)
            let fill = mmap(UnsafeMutableRawPointer(bitPattern: from), length, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            if fill == MAP_FAILED {
                Glibc.signal(signal, SIG_DFL)
                return
            }
            memset(fill!, 0x0A, length)
            MappedFileGuard.faulted = 1
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO
        sigaction(SIGBUS, &action, nil)
    }()
}

extension FileSource {
    /// A regular file (also standard input redirected from one) is mapped instead of read:
    /// no copy through the kernel, and stretches long enough to decode on both cores. Pages
    /// are released as they are consumed, so memory stays at what the query holds.
    /// Returns false when the descriptor is not a regular file (a pipe, a terminal).
    fileprivate func mapWholeFile(_ body: (UnsafeRawBufferPointer) -> Bool) throws -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        let start = lseek(descriptor, 0, SEEK_CUR)
        let size = Int(info.st_size) - Int(max(0, start))
        // Empty (or /proc-style, size 0) files are read the ordinary way.
        guard start >= 0, size > 0 else { return false }
        MappedFileGuard.install
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let alignedStart = Int(start) / page * page
        let skip = Int(start) - alignedStart
        guard let mapped = mmap(nil, size + skip, PROT_READ, MAP_PRIVATE, descriptor, off_t(alignedStart)),
              mapped != MAP_FAILED else { return false }
        defer {
            MappedFileGuard.chunkStart = 0
            MappedFileGuard.chunkEnd = 0
            munmap(mapped, size + skip)
        }
        _ = madvise(mapped, size + skip, MADV_SEQUENTIAL)
        let chunk = mappedChunkBytes
        var offset = 0
        while offset < size {
            var length = min(chunk, size - offset)
            // The file may have shrunk since it was mapped: read only what it still holds.
            if fstat(descriptor, &info) == 0, Int(info.st_size) - Int(start) < offset + length {
                length = max(0, Int(info.st_size) - Int(start) - offset)
                shrunkTo = Int(info.st_size)
                if length == 0 { break }
            }
            let pointer = mapped + skip + offset
            bytesRead = offset + length
            countLines(UnsafeRawBufferPointer(start: pointer, count: length))
            MappedFileGuard.faulted = 0
            MappedFileGuard.chunkStart = UInt(bitPattern: pointer)
            MappedFileGuard.chunkEnd = UInt(bitPattern: pointer + length)
            let keepGoing = body(UnsafeRawBufferPointer(start: pointer, count: length))
            // Give back the pages just consumed (whole pages only).
            let done = (skip + offset + length) / page * page
            let from = (skip + offset) / page * page
            if done > from { _ = madvise(mapped + from, done - from, MADV_DONTNEED) }
            offset += length
            if MappedFileGuard.faulted != 0 {
                // Cut while this chunk was read: what lay past the new end read as blank lines.
                fstat(descriptor, &info)
                shrunkTo = Int(info.st_size)
                break
            }
            if shrunkTo != nil || !keepGoing { break }
        }
        _ = lseek(descriptor, off_t(Int(start) + offset), SEEK_SET)
        return true
    }
}

/// A file descriptor read in large blocks: standard input, or a file.
public final class FileSource: ByteSource {
    fileprivate let descriptor: Int32
    private let ownsDescriptor: Bool
    /// With a value, `idle` is called after that many milliseconds without input.
    public var idleTimeout: Int64?
    /// Bytes handed on so far, for a progress line.
    public private(set) var bytesRead = 0
    /// Lines handed on so far, counted only when `countsLines` (a progress line asks).
    public private(set) var linesRead = 0
    public var countsLines = false

    private func countLines(_ chunk: UnsafeRawBufferPointer) {
        guard countsLines else { return }
        var lines = 0
        for byte in chunk.bindMemory(to: UInt8.self) where byte == 0x0A { lines += 1 }
        linesRead += lines
    }
    /// The size of a regular file when opened; nil for a pipe or a terminal.
    public var totalBytes: Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
    /// With a value, `idle(0)` is called at least this often (milliseconds) while no byte
    /// arrives, so that a sink can write what it holds while a live stream is quiet.
    public var wakeEvery: Int64?
    /// Set when a mapped file shrank while it was read: its new size, where input ended.
    public fileprivate(set) var shrunkTo: Int?
    /// The warning to show when the input ended early because its file shrank.
    public var shrinkWarning: String? {
        guard let shrunkTo else { return nil }
        return "weir: warning: the input file shrank to \(shrunkTo.formatted) bytes while it was read (truncated, as log rotation with copytruncate does); input ended there, and a line cut there is a bad line"
    }

    /// Reads standard input.
    public static var standardInput: FileSource { FileSource(descriptor: 0, owns: false) }

    private init(descriptor: Int32, owns: Bool) {
        self.descriptor = descriptor
        ownsDescriptor = owns
    }

    /// Opens a file for reading.
    /// Told before opening a FIFO, which waits for a writer (the shell says what it waits for).
    nonisolated(unsafe) public static var waitingForWriter: ((String) -> Void)?

    /// Asked while a FIFO waits for its first bytes: true gives up (Ctrl-C in the shell).
    nonisolated(unsafe) public static var cancelWait: (() -> Bool)?

    public convenience init(path: String) throws {
        var info = stat()
        let fifo = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw InputError(description: "cannot read \(path): Is a directory (a table whose 'path' is a directory reads its files)")
        }
        // A FIFO opens without waiting, then waits here for its first bytes in steps, so that
        // a cancel is seen whenever it comes (a blocking open could miss a signal just before it).
        let fd = open(path, O_RDONLY | (fifo ? O_NONBLOCK : 0))
        guard fd >= 0 else {
            throw InputError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        if fifo {
            Self.waitingForWriter?(path)
            while true {
                if Self.cancelWait?() == true {
                    close(fd)
                    throw InputError(description: "cancelled while waiting for a writer on \(path)", cancelled: true)
                }
                var pollDescriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&pollDescriptor, 1, 100) > 0 { break }
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        self.init(descriptor: fd, owns: true)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Starts reading at byte `offset` (a checkpoint's position); false when the input cannot
    /// seek (a pipe), which then must start there itself.
    public func seek(to offset: Int64) -> Bool {
        lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset)
    }

    /// The stretch of a mapped file handed on at a time (a checkpoint is taken between two).
    public var mappedChunkBytes = 16 << 20

    /// Whether the input is a regular file (it can be read again).
    public var isRegularFile: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public func pullReader() -> PullReader { DescriptorReader(source: self) }

    /// Plain `read`s: a piece at a time, so that several inputs can take turns.
    private final class DescriptorReader: PullReader {
        let source: FileSource
        init(source: FileSource) { self.source = source }
        /// An interrupted read (a stop signal) returns no bytes, not the end.
        func next(upTo limit: Int) throws -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: limit)
            let count = buffer.withUnsafeMutableBytes { read(source.descriptor, $0.baseAddress, limit) }
            if count > 0 {
                buffer.removeLast(limit - count)
                return buffer
            }
            if count == 0 { return nil }
            if errno == EINTR { return [] }
            throw InputError(description: "read error: \(String(cString: strerror(errno)))")
        }
    }

    /// A pipe holds 64 KB by default, so a fast writer (`cat`) and weir take turns every 64 KB:
    /// reading 765 MB through it cost 0.5 s of system time here. At the largest size the system
    /// allows (1 MB by default, `/proc/sys/fs/pipe-max-size`) it cost 0.16 s. Failure (not a
    /// pipe, a user over the pipe-memory limit) leaves the pipe as it was.
    /// Returns whether the input is a pipe (or a socket).
    private func enlargePipe() -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        if (info.st_mode & S_IFMT) == S_IFSOCK { return true }
        guard (info.st_mode & S_IFMT) == S_IFIFO else { return false }
        #if os(Linux)
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7), not in Glibc's module
        var size = 1 << 20
        let limitFile = open("/proc/sys/fs/pipe-max-size", O_RDONLY)
        if limitFile >= 0 {
            var text = [UInt8](repeating: 0, count: 32)
            let count = read(limitFile, &text, text.count)
            close(limitFile)
            if count > 0, let limit = Int(String(decoding: text[..<count], as: UTF8.self).filter(\.isNumber)), limit > 0 {
                size = min(limit, 16 << 20)
            }
        }
        while size > 1 << 16, fcntl(descriptor, setPipeSize, Int32(size)) < 0 { size /= 2 }
        #endif
        return true
    }

    /// A pipe read by a thread of its own (`ReadAhead`). `idle` is called as by the plain
    /// reading below, and also with 0 every 100 ms while nothing arrives, which is when a stop
    /// (a signal's flag) is seen: a signal no longer interrupts this thread's wait.
    private func readAhead(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        let reader = ReadAhead(descriptor: descriptor)
        defer { reader.stop() }
        var quiet: Int64 = 0
        while true {
            let wait = min(idleTimeout.map { $0 - quiet } ?? .max, wakeEvery ?? .max, 100)
            switch reader.next(waiting: wait) {
            case .quiet:
                if !waited(wait, quiet: &quiet, idle: idle) { return }
            case .chunk(let chunk):
                quiet = 0
                bytesRead += chunk.count
                countLines(chunk)
                if !body(chunk) { return }
            case .end:
                return
            case .failed(let error):
                throw InputError(description: "read error: \(String(cString: strerror(error)))")
            }
        }
    }

    /// After `wait` milliseconds without input: `idle` with the idle timeout once `quiet` has
    /// reached it, else with 0. Returns what `idle` returns (false stops the reading).
    private func waited(_ wait: Int64, quiet: inout Int64, idle: (Int64) -> Bool) -> Bool {
        quiet += wait
        if let idleTimeout, quiet >= idleTimeout {
            quiet = 0
            return idle(idleTimeout)
        }
        return idle(0)
    }

    private static func milliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    public func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        if idleTimeout == nil, try mapWholeFile(body) { return }
        if enlargePipe() { return try readAhead(body, idle: idle) }
        let capacity = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var quiet: Int64 = 0
        while true {
            if idleTimeout != nil || wakeEvery != nil {
                let wait = min(idleTimeout.map { $0 - quiet } ?? .max, wakeEvery ?? .max)
                var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pollDescriptor, 1, Int32(clamping: wait))
                if ready == 0 {
                    if !waited(wait, quiet: &quiet, idle: idle) { return }
                    continue
                }
                quiet = 0
                if ready < 0, errno == EINTR {
                    if !idle(0) { return }
                    continue
                }
            }
            let count = read(descriptor, buffer, capacity)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR {
                    if !idle(0) { return }
                    continue
                }
                throw InputError(description: "read error: \(String(cString: strerror(errno)))")
            }
            // Keep reading while more input comes within a millisecond, for at most 5 ms: a fast
            // producer (`cat`, a replay) hands over stretches long enough to decode on both
            // cores, while a live stream's lines wait 5 ms at most.
            var filled = count
            var atEnd = false
            let deadline = Self.milliseconds() + 5
            while filled < capacity - (1 << 16), Self.milliseconds() < deadline {
                var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&pollDescriptor, 1, 1) == 1, pollDescriptor.revents & Int16(POLLIN) != 0 else { break }
                let more = read(descriptor, buffer + filled, capacity - filled)
                if more <= 0 {
                    atEnd = more == 0
                    break
                }
                filled += more
            }
            bytesRead += filled
            countLines(UnsafeRawBufferPointer(start: buffer, count: filled))
            if !body(UnsafeRawBufferPointer(start: buffer, count: filled)) || atEnd { return }
        }
    }
}

/// A log file followed as it grows, as `tail -F` follows one (`--follow`): at its end the
/// reader waits and reads again; a file renamed away and replaced (rotation) is read to its
/// end and then the new one from its start; a file cut shorter than what was read
/// (`copytruncate`) is read again from its start. Input never ends by itself: a signal, or the
/// run, stops it.
public final class FollowSource: ByteSource {
    public let path: String
    /// With a value, `idle` is told after that many quiet milliseconds (`--idle-timeout`).
    public var idleTimeout: Int64?
    public private(set) var rotations = 0
    public private(set) var truncations = 0
    private var descriptor: Int32
    private var inode: ino_t
    private var offset = 0
    /// How long the reader waits at the end before looking again.
    static let pollMillis: Int64 = 100

    public init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(description: "cannot follow \(path): --follow reads a regular file (a log) that grows")
        }
        descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        inode = info.st_ino
        self.path = path
    }

    deinit { close(descriptor) }

    /// Resumes where a checkpoint stopped: in the file with `inode` (at `path`, or renamed
    /// beside it by a rotation since) at `offset`; after its end, the file at `path` as usual.
    public convenience init(path: String, inode: UInt64, offset: Int64) throws {
        try self.init(path: path)
        let file = UInt64(self.inode) == inode ? descriptor : Self.open(path: path, inode: inode)
        guard file >= 0, lseek(file, off_t(offset), SEEK_SET) == off_t(offset) else {
            throw InputError(description: "the checkpoint was reading \(path) as inode \(inode) at byte \(offset); that file is no longer at \(path) or beside it (rotated and then deleted?), so the events after that byte are gone")
        }
        if file != descriptor {
            close(descriptor)
            descriptor = file
            self.inode = ino_t(inode)
        }
        self.offset = Int(offset)
    }

    /// Opens the file with `inode`: the one at `path`, or one renamed beside it (rotated); -1
    /// when there is none.
    public static func open(path: String, inode: UInt64) -> Int32 {
        var info = stat()
        if stat(path, &info) == 0, UInt64(info.st_ino) == inode { return Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        guard let listing = opendir(directory.isEmpty ? "/" : directory) else { return -1 }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            guard UInt64(entry.pointee.d_ino) == inode else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            let file = Glibc.open(directory + "/" + name, O_RDONLY | O_CLOEXEC)
            if file >= 0 { return file }
        }
        return -1
    }

    /// The log rotated away after the one being read and before the one at `path`: of the
    /// files beside it named like it (not compressed), the one last written soonest after the
    /// file being read; nil when that is the file at `path`.
    private func nextAfterRotation() -> (String, ino_t)? {
        var current = stat()
        guard fstat(descriptor, &current) == 0 else { return nil }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let listing = opendir(directory.isEmpty ? "/" : directory) else { return nil }
        defer { closedir(listing) }
        func time(_ info: stat) -> (Int, Int) { (info.st_mtim.tv_sec, info.st_mtim.tv_nsec) }
        var best: (time: (Int, Int), name: String, inode: ino_t)?
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(base), name != base,
                  ![".gz", ".bz2", ".xz", ".zst", ".lz4", ".zip"].contains(where: { name.hasSuffix($0) }) else { continue }
            var info = stat()
            let full = directory + "/" + name
            guard stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_ino != current.st_ino,
                  time(info) >= time(current) else { continue }
            if best == nil || time(info) < best!.time || (time(info) == best!.time && name < best!.name) {
                best = (time(info), full, info.st_ino)
            }
        }
        var named = stat()
        guard let best, stat(path, &named) == 0, time(named) >= best.time else { return nil }
        return (best.name, best.inode)
    }

    /// The file being read and how far: what a checkpoint records.
    public var position: (inode: UInt64, offset: Int64) { (UInt64(inode), Int64(offset)) }

    public func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        let capacity = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var quiet: Int64 = 0
        while true {
            let count = read(descriptor, buffer, capacity)
            if count > 0 {
                offset += count
                quiet = 0
                if !body(UnsafeRawBufferPointer(start: buffer, count: count)) { return }
                continue
            }
            if count < 0 {
                if errno == EINTR {
                    if !idle(0) { return }
                    continue
                }
                throw InputError(description: "read error on \(path): \(String(cString: strerror(errno)))")
            }
            // At the end of what the file holds now.
            var open_ = stat()
            if fstat(descriptor, &open_) == 0, Int(open_.st_size) < offset {
                truncations += 1
                offset = 0
                lseek(descriptor, 0, SEEK_SET)
                continue
            }
            var named = stat()
            if stat(path, &named) == 0, named.st_ino != inode {
                // Rotated: the old file is read to its end (above); then the next file written
                // after it, from its start: the new log, or a log rotated away since (several
                // rotations while weir was stopped or between two looks).
                let (nextPath, nextInode) = nextAfterRotation() ?? (path, named.st_ino)
                let fresh = Glibc.open(nextPath, O_RDONLY)
                if fresh >= 0 {
                    close(descriptor)
                    descriptor = fresh
                    inode = nextInode
                    offset = 0
                    rotations += 1
                    continue
                }
            }
            usleep(UInt32(Self.pollMillis * 1000))
            quiet += Self.pollMillis
            if let idleTimeout, quiet >= idleTimeout {
                quiet = 0
                if !idle(idleTimeout) { return }
            } else if !idle(0) {
                return
            }
        }
    }

    public func pullReader() -> PullReader { FollowReader(source: self) }

    /// Several inputs take turns only when each ends; a followed file never does.
    private final class FollowReader: PullReader {
        let source: FollowSource
        init(source: FollowSource) { self.source = source }
        func next(upTo limit: Int) throws -> [UInt8]? {
            throw InputError(description: "--follow reads one input; this query reads several")
        }
    }
}
