import Synchronization

/// A ``WriteResetter`` that keeps the bytes in memory; for small blobs and tests.
public final class MemoryResetter: WriteResetter {
    private let storage = Mutex<[UInt8]>([])

    /// Creates an empty buffer.
    public init() {}

    /// The bytes written since the last reset.
    public var bytes: [UInt8] {
        storage.withLock { $0 }
    }

    /// Appends `bytes` to the buffer.
    ///
    /// - Parameter bytes: The bytes to append.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        storage.withLock { $0.append(contentsOf: bytes) }
    }

    /// Empties the buffer.
    public func reset() {
        storage.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
