import Dispatch
import Synchronization

/// A file target that flushes its data to the storage device in the background while the blob
/// arrives, so that the flush that makes the file durable at the end waits only for the last
/// few megabytes instead of the whole file.
///
/// Without it, a large download leaves gigabytes of unwritten pages behind, and the final
/// `fdatasync` writes them all while the caller waits.
public final class DurableFileTarget: WriteResetter {
    /// Bytes written between two background flushes: 16 MiB.
    public static let flushInterval = 16 << 20

    /// The file written.
    public let file: FileResetter

    private let flusher = DispatchQueue(label: "fetcher.flush")
    private let state = Mutex((unflushed: 0, flushing: false))

    /// Makes a target that writes `file`.
    /// - Parameter file: The file to write.
    public init(_ file: FileResetter) {
        self.file = file
    }

    /// Appends `bytes` to the file, and starts a background flush after every
    /// ``flushInterval`` bytes unless one is still running.
    ///
    /// - Parameter bytes: The next bytes of the blob.
    /// - Throws: ``SystemCallError`` when the write fails.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
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
                // A failure shows again in the final flush, which is checked.
                try? file.synchronize()
                state.withLock { $0.flushing = false }
            }
        }
    }

    /// Empties the file.
    ///
    /// - Throws: ``SystemCallError`` when the file cannot be truncated.
    public func reset() throws {
        try file.reset()
    }

    /// Waits for a background flush, then flushes the rest of the file.
    ///
    /// - Throws: ``SystemCallError`` when the flush fails.
    public func synchronize() throws {
        flusher.sync {}
        try file.synchronize()
    }
}
