import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `weir checkpoint inspect DIR`: what the latest snapshot holds, for a person in a hurry.
enum CheckpointCommand {
    static let usage = "usage: weir checkpoint inspect DIR   (what the latest checkpoint in DIR holds)"

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 2, arguments[0] == "inspect" else {
            if arguments.first == "--help" || arguments.first == "-h" {
                Terminal.write(1, usage + "\n")
                return 0
            }
            Terminal.printError("weir checkpoint: " + usage)
            return 2
        }
        let directory = arguments[1]
        let ids = CheckpointStore.ids(in: directory)
        guard let id = ids.last else {
            Terminal.printError("weir checkpoint: no checkpoint in \(directory)")
            return 1
        }
        let path = directory + "/" + CheckpointStore.fileName(id)
        do {
            let (snapshot, replay) = try CheckpointStore.read(path)
            var info = stat()
            let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
            let replayBytes = snapshot.replayStored ? replay.count : Int(snapshot.input.offset - snapshot.replayFrom)
            var text = CheckpointStore.describe(snapshot, replayBytes: replayBytes, path: path, size: size)
            if ids.count > 1 { text += "\nalso kept: " + ids.dropLast().map { "checkpoint \($0)" }.joined(separator: ", ") }
            Terminal.write(1, text + "\n")
            return 0
        } catch {
            Terminal.printError("weir checkpoint: \(error)")
            return 1
        }
    }
}
