/// A reference whose blob is served from a ``BlobCache``, fetched into it first if missing.
public struct CachedReference: Reference {
    /// The reference that transfers the blob when the cache lacks it.
    public let base: any Reference

    /// Where the blob is kept.
    public let cache: BlobCache

    /// The scopes of the caller.
    public let heldScopes: [String]

    /// Wraps `base`.
    ///
    /// - Parameters:
    ///   - base: The reference that transfers the blob when the cache lacks it.
    ///   - cache: Where the blob is kept.
    ///   - heldScopes: The scopes of the caller.
    public init(base: any Reference, cache: BlobCache, heldScopes: [String]) {
        self.base = base
        self.cache = cache
        self.heldScopes = heldScopes
    }

    /// The base reference's hash key.
    public var hashKey: String {
        base.hashKey
    }

    /// The base reference's scope sets.
    public var scopes: [[String]] {
        base.scopes
    }

    /// Copies the cached blob into `target`, after fetching it into the cache if needed.
    ///
    /// A cached blob is hashed as it is copied: if it turns out corrupt, `target` is reset,
    /// the entry is replaced by a new transfer and copied again.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: The context of a transfer, if one is made.
    /// - Throws: ``AccessDeniedError`` when ``heldScopes`` do not satisfy ``scopes``; the
    ///   transfer's error; the cache's or the target's error.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        try await cache.withEntry(
            for: base, heldScopes: heldScopes, context: context, checkingWhileCopying: true
        ) { entry in
            try entry.copy(to: target)
        }
    }
}
