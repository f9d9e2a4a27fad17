extension BlobCache {
    /// What the flight of a key did.
    struct TransferOutcome: Sendable {
        /// The directory of the entry the flight wrote or verified: its waiters need not hash
        /// it again.
        var verified: FileIdentity?

        /// Whether the flight transferred the blob.
        var transferred: Bool
    }

    /// Under the key's lock, fetches `reference` and commits it as the entry `name`, unless
    /// someone else committed a sound entry meanwhile.
    ///
    /// An entry found under the lock (another process wrote it since the look-up) is verified
    /// once here for every waiter of this process.
    ///
    /// - Parameters:
    ///   - reference: What to fetch.
    ///   - name: The entry name.
    ///   - corrupt: The directory of an entry found corrupt, replaced if still there.
    ///   - context: The context of the transfer.
    /// - Returns: What was done.
    /// - Throws: The transfer's error, `CancellationError`, ``BlobCacheError`` or
    ///   ``SystemCallError``.
    func transfer(
        _ reference: any Reference, name: String, replacing corrupt: FileIdentity?,
        context: FetchContext
    ) async throws -> TransferOutcome {
        let lock = try await KeyLock.acquire(layout.lockPath(name))
        defer { lock.release() }
        removeLeftovers(of: name)
        if let corrupt {
            try discard(name: name, ifStill: corrupt)
        }
        let lookup = try await open(
            name: name, hashKey: reference.hashKey, heldScopes: nil,
            expectedScopes: reference.scopes, trusted: nil, wasFetched: false)
        switch lookup {
        case .found(let entry):
            entry.close()
            return TransferOutcome(verified: entry.directory, transferred: false)
        case .corrupt(let identity):
            try discard(name: name, ifStill: identity)
        case .missing:
            break
        }
        let committed = try await fetchAndCommit(reference, name: name, context: context)
        if let sizeBudget {
            // The new entry is spared: its lock is held here.
            _ = try? prune(toSize: sizeBudget)
        }
        return TransferOutcome(verified: committed, transferred: true)
    }

    /// Fetches the blob into a new folder in `tmp`, records its metadata, flushes both and
    /// renames the folder into place.
    private func fetchAndCommit(
        _ reference: any Reference, name: String, context: FetchContext
    ) async throws -> FileIdentity? {
        let staging = layout.temporaryPath(name, purpose: "new")
        let destination = layout.entryDirectory(name)
        try CacheFiles.makeDirectory(staging)
        do {
            let writer = try HashingFileWriter(
                creatingFileAt: staging + "/" + CacheLayout.blobName)
            try await reference.fetch(into: writer, context: context)
            let (size, sha256) = try writer.finish()
            let status = try CacheFiles.status(of: writer.file.fileDescriptor)
            let metadata = EntryMetadata(
                hashKey: reference.hashKey, scopes: reference.scopes, size: size,
                sha256: sha256, blobInode: UInt64(status.st_ino),
                blobModified: status.st_mtim.nanoseconds)
            try CacheFiles.writeDurably(
                try metadata.serialized(), to: staging + "/" + CacheLayout.metadataName)
            try CacheFiles.synchronizeDirectory(staging)
            try CacheFiles.rename(staging, to: destination)
        } catch {
            CacheFiles.removeTree(staging)
            throw error
        }
        try CacheFiles.synchronizeDirectory(layout.entriesDirectory)
        return FileIdentity(path: destination)
    }

    /// Moves the entry `name` out of `entries` and deletes it, if it is still the directory
    /// `identity`. The caller holds the key's lock.
    ///
    /// Readers that have the blob open keep reading it; the name is free at once.
    ///
    /// - Throws: ``SystemCallError`` when the rename fails.
    func discard(name: String, ifStill identity: FileIdentity) throws {
        let directoryPath = layout.entryDirectory(name)
        guard FileIdentity(path: directoryPath) == identity else {
            return
        }
        let away = layout.temporaryPath(name, purpose: "old")
        try CacheFiles.rename(directoryPath, to: away)
        CacheFiles.removeTree(away)
    }

    /// Deletes the temporary files of the entry `name`. The caller holds the key's lock, so
    /// whatever is there was left by a holder that died (or by this one).
    func removeLeftovers(of name: String) {
        let prefix = name + "."
        for temporary in CacheFiles.names(in: layout.temporaryDirectory)
        where temporary.hasPrefix(prefix) {
            CacheFiles.removeTree(layout.temporaryDirectory + "/" + temporary)
        }
    }
}
