#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BlobCache {
    /// An entry directory as found on disk, sound or not.
    private struct StoredEntry {
        /// The entry name.
        var name: String
        /// The entry's description, or `nil` when its metadata is missing or unreadable.
        var info: CacheEntryInfo?
        /// The blob's length (0 when there is no blob).
        var size: Int64
        /// The blob's access time in nanoseconds since the epoch; 0 for a broken entry.
        var lastUsed: Int64
    }

    /// What happened to an entry that eviction tried to remove.
    private enum Removal {
        case removed
        case alreadyGone
        case inUse
    }

    /// Lists the entries, most recently used first.
    ///
    /// Entries whose metadata cannot be read are left out: they are never served, and
    /// ``prune(toSize:)`` removes them first.
    ///
    /// - Returns: One description per entry.
    /// - Throws: ``SystemCallError`` when an entry cannot be read.
    public func entries() throws -> [CacheEntryInfo] {
        try storedEntries()
            .sorted { $0.lastUsed > $1.lastUsed }
            .compactMap(\.info)
    }

    /// Removes entries until they take at most `budget` bytes together, least recently used
    /// first, and deletes what dead writers left behind.
    ///
    /// Entries open in any process (a ``CacheEntry`` not yet closed) and entries being written
    /// are skipped, so the cache may stay above the budget. Broken entries go first.
    ///
    /// - Parameter budget: The most bytes the remaining entries may take.
    /// - Returns: The entries removed, in the order they were removed.
    /// - Throws: ``SystemCallError`` when the cache cannot be read or an entry cannot be moved.
    @discardableResult
    public func prune(toSize budget: Int64) throws -> [CacheEntryInfo] {
        try evict(keepingAtMost: budget)
    }

    /// Removes every entry that is not in use, and what dead writers left behind.
    ///
    /// - Returns: The entries removed.
    /// - Throws: ``SystemCallError`` when the cache cannot be read or an entry cannot be moved.
    @discardableResult
    public func clear() throws -> [CacheEntryInfo] {
        try evict(keepingAtMost: nil)
    }

    /// Deletes the temporary files of every key whose lock is free, and lock files of keys
    /// that have no entry.
    func removeLeftovers() {
        let owners = Set(
            CacheFiles.names(in: layout.temporaryDirectory).compactMap {
                CacheLayout.entryName(ofTemporary: $0)
            })
        for name in owners {
            guard let lock = try? KeyLock.tryAcquire(layout.lockPath(name)) else {
                continue
            }
            removeLeftovers(of: name)
            releaseDeletingIfUnused(lock, name: name)
        }
    }

    private func evict(keepingAtMost budget: Int64?) throws -> [CacheEntryInfo] {
        removeLeftovers()
        let stored = try storedEntries().sorted { first, second in
            (first.info == nil ? 0 : 1, first.lastUsed, first.name)
                < (second.info == nil ? 0 : 1, second.lastUsed, second.name)
        }
        var total = stored.reduce(0) { $0 + $1.size }
        var removed: [CacheEntryInfo] = []
        for entry in stored {
            if let budget, total <= budget {
                break
            }
            switch try remove(entry.name) {
            case .removed:
                total -= entry.size
                removed.append(contentsOf: entry.info.map { [$0] } ?? [])
            case .alreadyGone:
                total -= entry.size
            case .inUse:
                continue
            }
        }
        removeUnusedLockFiles()
        return removed
    }

    /// Removes the entry `name` unless its key is being written or its blob is open.
    private func remove(_ name: String) throws -> Removal {
        guard let lock = try KeyLock.tryAcquire(layout.lockPath(name)) else {
            return .inUse
        }
        defer { releaseDeletingIfUnused(lock, name: name) }
        let directoryPath = layout.entryDirectory(name)
        guard let directory = try CacheFiles.openForReading(directoryPath, directory: true) else {
            return .alreadyGone
        }
        defer { close(directory) }
        if let blob = try CacheFiles.openForReading(CacheLayout.blobName, relativeTo: directory) {
            defer { close(blob) }
            // Readers hold a shared lock for as long as their entry is open.
            guard flock(blob, LOCK_EX | LOCK_NB) == 0 else {
                return .inUse
            }
            try discard(name: name, ifStill: try FileIdentity(descriptor: directory))
        } else {
            try discard(name: name, ifStill: try FileIdentity(descriptor: directory))
        }
        return .removed
    }

    /// Releases a key's lock, deleting its file when the key has no entry.
    private func releaseDeletingIfUnused(_ lock: KeyLock, name: String) {
        if CacheFiles.status(ofPath: layout.entryDirectory(name)) == nil {
            lock.releaseDeletingFile()
        } else {
            lock.release()
        }
    }

    private func removeUnusedLockFiles() {
        let suffix = ".lock"
        for file in CacheFiles.names(in: layout.locksDirectory) where file.hasSuffix(suffix) {
            let name = String(file.dropLast(suffix.count))
            guard CacheLayout.isEntryName(name),
                CacheFiles.status(ofPath: layout.entryDirectory(name)) == nil,
                let lock = try? KeyLock.tryAcquire(layout.lockPath(name))
            else {
                continue
            }
            releaseDeletingIfUnused(lock, name: name)
        }
    }

    private func storedEntries() throws -> [StoredEntry] {
        try CacheFiles.names(in: layout.entriesDirectory)
            .filter { CacheLayout.isEntryName($0) }
            .compactMap { try storedEntry($0) }
    }

    private func storedEntry(_ name: String) throws -> StoredEntry? {
        guard
            let directory = try CacheFiles.openForReading(
                layout.entryDirectory(name), directory: true)
        else {
            return nil
        }
        defer { close(directory) }
        var blobStatus: stat?
        if let blob = try CacheFiles.openForReading(CacheLayout.blobName, relativeTo: directory) {
            blobStatus = try CacheFiles.status(of: blob)
            close(blob)
        }
        let size = Int64(blobStatus?.st_size ?? 0)
        guard let metadata = try? EntryMetadata.read(inEntry: directory),
            CacheLayout.entryName(forHashKey: metadata.hashKey) == name,
            let blobStatus
        else {
            return StoredEntry(name: name, info: nil, size: size, lastUsed: 0)
        }
        let info = CacheEntryInfo(
            hashKey: metadata.hashKey, scopes: metadata.scopes, size: metadata.size,
            sha256: metadata.sha256, created: metadata.createdDate,
            lastUsed: blobStatus.st_atim.date, path: layout.blobPath(name))
        return StoredEntry(
            name: name, info: info, size: size, lastUsed: blobStatus.st_atim.nanoseconds)
    }
}
