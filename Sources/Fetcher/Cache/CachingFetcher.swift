/// A fetcher whose references are served from a ``BlobCache``: it wraps any fetcher, and a
/// reference it makes fetches its blob into the cache once, then copies it from there.
///
/// ```swift
/// let cache = try BlobCache(directory: "/var/cache/fetcher")
/// let fetcher = CachingFetcher(
///     base: CombinedFetcher.standard, cache: cache, heldScopes: ["queue:get-artifact:*"])
/// let reference = try await fetcher.makeReference(from: options, context: context)
/// try await reference.fetch(into: target, context: context)
/// ```
///
/// Hash keys, scopes and the schema are those of the base fetcher, so the cache is invisible
/// except that a caller whose scopes do not satisfy a reference gets ``AccessDeniedError``.
public struct CachingFetcher: Fetcher {
    /// The fetcher that makes the references and transfers what the cache lacks.
    public let base: any Fetcher

    /// Where blobs are kept.
    public let cache: BlobCache

    /// The scopes of the caller, checked against each reference's scope sets.
    public let heldScopes: [String]

    /// Wraps `base`.
    ///
    /// - Parameters:
    ///   - base: The fetcher that makes the references and transfers what the cache lacks.
    ///   - cache: Where blobs are kept.
    ///   - heldScopes: The scopes of the caller.
    public init(base: any Fetcher, cache: BlobCache, heldScopes: [String]) {
        self.base = base
        self.cache = cache
        self.heldScopes = heldScopes
    }

    /// The base fetcher's schema.
    public var schema: Schema {
        base.schema
    }

    /// Makes the base fetcher's reference and wraps it so that it fetches through the cache.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Passed to the base fetcher.
    /// - Returns: A ``CachedReference``.
    /// - Throws: Whatever the base fetcher throws.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        let reference = try await base.makeReference(from: options, context: context)
        return CachedReference(base: reference, cache: cache, heldScopes: heldScopes)
    }
}
