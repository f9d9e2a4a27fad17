import Fetcher

extension FetchCommand {
    /// Checks that the scopes given satisfy `reference`, then opens the cache folder.
    ///
    /// The check comes first so that a refused caller creates, reads and transfers nothing;
    /// the cache checks again, against the scopes recorded with the entry.
    ///
    /// - Parameters:
    ///   - directory: The cache folder, created if missing.
    ///   - reference: The reference to fetch.
    /// - Returns: The cache.
    /// - Throws: `AccessDeniedError`; ``CacheFolderError`` when the folder cannot be used.
    func openCache(_ directory: String, for reference: any Reference) throws -> BlobCache {
        let held = invocation.heldScopes
        guard scopesSatisfy(held: held, required: reference.scopes) else {
            let scopes =
                held.isEmpty
                ? "without scopes (give the caller's with --scopes)"
                : "with the scopes given by --scopes"
            throw AccessDeniedError(
                subject: "\(reference.hashKey) through the cache \(scopes)",
                required: reference.scopes)
        }
        return try CacheFolderError.wrapping(directory) {
            try BlobCache(
                directory: directory, sizeBudget: invocation.cacheSizeLimit,
                verification: invocation.cacheVerification)
        }
    }

    /// Copies the cache's entry for `reference` into `target`, fetching it into the cache
    /// first if it is missing.
    ///
    /// A transfer shows its progress as a fetch without a cache does; a blob found in the
    /// cache shows the progress of its copy, described as `<hash key> from the cache`. When
    /// `target` can be reset (a file), a cached blob is hashed as it is copied; if it turns
    /// out corrupt, the file is emptied and the entry replaced by a new transfer.
    ///
    /// - Parameters:
    ///   - reference: What to fetch.
    ///   - cache: The cache.
    ///   - target: The output.
    ///   - resettable: Whether `target` can be emptied and written again.
    /// - Throws: The transfer's error, `AccessDeniedError`, the output's error,
    ///   `CancellationError`, `BlobCacheError` or ``CacheFolderError``.
    func fetch(
        _ reference: any Reference, through cache: BlobCache, into target: any WriteResetter,
        resettable: Bool
    ) async throws {
        let counted = CountedReference(reference)
        let output = CountingTarget(target)
        let progress = startProgress(bytes: { max(counted.bytes, output.bytes) })
        defer { progress.display?.end() }
        do {
            try await CacheFolderError.wrapping(cache.directory) {
                try await cache.withEntry(
                    for: counted, heldScopes: invocation.heldScopes, context: progress.context,
                    checkingWhileCopying: resettable
                ) { entry in
                    try copy(entry, into: output, progress: progress.context)
                }
            }
        } catch let failure as CacheCopyTarget.OutputFailure {
            throw failure.error
        }
    }

    /// Copies `entry` into `output`, with the progress of the copy.
    private func copy(
        _ entry: CacheEntry, into output: CountingTarget, progress context: FetchContext
    )
        throws
    {
        // A transfer has reported up to 1 already; a new series from 0 would go backwards.
        let reporter =
            entry.wasFetched
            ? nil : context.progressReporter(for: "\(entry.hashKey) from the cache")
        reporter?.start()
        defer { reporter?.close() }
        try entry.copy(to: CacheCopyTarget(output, size: entry.size, reporter: reporter))
        reporter?.finish()
    }
}
