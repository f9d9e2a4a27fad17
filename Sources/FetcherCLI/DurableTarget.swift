import Dispatch
import Fetcher
import Synchronization

/// A file target that flushes its data to disk in the background while the blob downloads,
/// so that the final flush before the rename waits only for the last few megabytes.
final class DurableTarget: WriteResetter {
    /// Bytes written between two background flushes.
    static let flushInterval = 16 << 20

    let file: FileResetter
    private let flusher = DispatchQueue(label: "fetcher.flush")
    private let state = Mutex((unflushed: 0, flushing: false))

    init(_ file: FileResetter) {
        self.file = file
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file.write(bytes)
        let start = state.withLock { state -> Bool in
            state.unflushed += bytes.count
            guard state.unflushed >= Self.flushInterval, !state.flushing else { return false }
            state.unflushed = 0
            state.flushing = true
            return true
        }
        if start {
            flusher.async { [self] in
                // A failure shows again in the final, checked flush.
                try? file.synchronize()
                state.withLock { $0.flushing = false }
            }
        }
    }

    func reset() throws {
        try file.reset()
    }

    /// Waits for a background flush, then flushes the rest.
    func synchronize() throws {
        flusher.sync {}
        try file.synchronize()
    }
}
