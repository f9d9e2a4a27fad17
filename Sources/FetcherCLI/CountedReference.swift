import Fetcher
import Synchronization

/// A reference that counts the bytes its transfer writes, so that the progress of a fetch
/// into the cache can show them although the cache, not the tool, owns the target.
final class CountedReference: Reference {
    /// The reference that makes the transfer.
    let base: any Reference

    private let latest = Mutex<CountingTarget?>(nil)

    init(_ base: any Reference) {
        self.base = base
    }

    /// The base reference's hash key.
    var hashKey: String {
        base.hashKey
    }

    /// The base reference's scope sets.
    var scopes: [[String]] {
        base.scopes
    }

    /// The bytes the last transfer holds in its target (0 before any).
    var bytes: Int64 {
        latest.withLock { $0?.bytes ?? 0 }
    }

    /// Fetches the base reference into `target`, counting the bytes.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: The transfer's context.
    /// - Throws: The base reference's error.
    func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        let counter = CountingTarget(target)
        latest.withLock { $0 = counter }
        try await base.fetch(into: counter, context: context)
    }
}
