import Synchronization

/// A count of bytes that may not exceed a limit, shared by the transfers of the process.
final class MemoryBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// The bytes reserved now.
    var reserved: Int {
        used.load(ordering: .relaxed)
    }

    /// Reserves `bytes` if they fit under the limit, or in any case when `always` is set.
    ///
    /// - Returns: Whether the bytes were reserved.
    func reserve(_ bytes: Int, always: Bool = false) -> Bool {
        var current = used.load(ordering: .relaxed)
        while always || current + bytes <= limit {
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back bytes reserved earlier.
    func release(_ bytes: Int) {
        used.subtract(bytes, ordering: .relaxed)
    }
}
