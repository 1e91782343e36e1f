#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash points for the fault-injection tests (`scripts/chaos`, `CheckpointTests`): with
/// `WEIR_FAULT=NAME:N` in the environment, the process kills itself (SIGKILL, as a power
/// cut would) the Nth time it passes point NAME. Without it, a point costs one comparison.
enum FaultInjection {
    /// `checkpoint-write`: half of a snapshot written to its temporary file.
    /// `sink-commit`: a batch's rows written to the database, before its COMMIT.
    private static let armed: (name: String, count: Int)? = {
        guard let value = getenv("WEIR_FAULT").map({ String(cString: $0) }),
              let colon = value.lastIndex(of: ":"), let count = Int(value[value.index(after: colon)...]) else { return nil }
        return (String(value[..<colon]), count)
    }()
    nonisolated(unsafe) private static var passes = 0

    static func point(_ name: String) {
        guard let armed, armed.name == name else { return }
        passes += 1
        if passes == armed.count { kill(getpid(), SIGKILL) }
    }
}
