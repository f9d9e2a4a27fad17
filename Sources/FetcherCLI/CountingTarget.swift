import Fetcher
import Synchronization

/// A fetch target that counts the bytes its base target holds, for progress reports.
final class CountingTarget: WriteResetter {
    /// The target the bytes go to.
    let base: any WriteResetter

    private let count = Atomic<Int64>(0)

    init(_ base: any WriteResetter) {
        self.base = base
    }

    /// The bytes written since the last reset.
    var bytes: Int64 {
        count.load(ordering: .relaxed)
    }

    /// Writes `bytes` to the base target and counts them.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: The base target's error.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try base.write(bytes)
        count.add(Int64(bytes.count), ordering: .relaxed)
    }

    /// Resets the base target and the count.
    ///
    /// - Throws: The base target's error.
    func reset() throws {
        try base.reset()
        count.store(0, ordering: .relaxed)
    }
}
