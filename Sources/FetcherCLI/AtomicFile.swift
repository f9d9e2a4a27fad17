import Fetcher
import Foundation

/// A file written beside its destination under a temporary name and renamed over it only
/// when complete, so the destination is never partial: it is either untouched or whole.
final class AtomicFile {
    let destination: String
    let temporaryPath: String
    let target: DurableTarget

    init(replacing destination: String) throws {
        let url = URL(fileURLWithPath: destination)
        let name =
            ".\(url.lastPathComponent).fetcher-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).part"
        self.destination = destination
        self.temporaryPath = url.deletingLastPathComponent().appendingPathComponent(name).path
        self.target = DurableTarget(try FileResetter(creatingFileAt: temporaryPath))
    }

    /// Flushes the file to disk and renames it over the destination.
    func commit() throws {
        try target.synchronize()
        guard rename(temporaryPath, destination) == 0 else {
            throw SystemCallError("rename \(temporaryPath) to \(destination)")
        }
    }

    /// Removes the temporary file.
    func discard() {
        unlink(temporaryPath)
    }
}
