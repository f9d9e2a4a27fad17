extension BlobCache {
    /// Opens the entry for `reference`, fetching it first if the cache lacks it, and hands it
    /// to `copy`, which reads the whole blob into a target (see ``CacheEntry/copy(to:)``).
    ///
    /// With `checkingWhileCopying`, a found entry's SHA-256 is checked by that copy rather
    /// than before it: the blob is read once, and hashing overlaps the copy. If the copy finds
    /// the entry corrupt, it has reset its target; the entry is then asked for again, hashed
    /// before it is returned (so the corrupt one is replaced), and handed to `copy` once more.
    /// Pass `true` only when `copy`'s target can be reset at no cost (a file, not a pipe).
    ///
    /// - Parameters:
    ///   - reference: What to fetch.
    ///   - heldScopes: The scopes the caller holds.
    ///   - context: Progress, Taskcluster client and transfer settings of a transfer.
    ///   - checkingWhileCopying: Whether a found entry is checked by its copy.
    ///   - copy: Copies the entry; it is closed afterwards.
    /// - Throws: Like ``entry(for:heldScopes:context:checkingWhileCopying:)``, or what `copy`
    ///   throws.
    public func withEntry(
        for reference: any Reference, heldScopes: [String], context: FetchContext,
        checkingWhileCopying: Bool, _ copy: (CacheEntry) throws -> Void
    ) async throws {
        if checkingWhileCopying {
            let entry = try await entry(
                for: reference, heldScopes: heldScopes, context: context,
                checkingWhileCopying: true)
            do {
                defer { entry.close() }
                try copy(entry)
                return
            } catch let error as BlobCacheError {
                guard case .entryCorrupt = error.reason else { throw error }
            }
        }
        let entry = try await entry(for: reference, heldScopes: heldScopes, context: context)
        defer { entry.close() }
        try copy(entry)
    }
}
