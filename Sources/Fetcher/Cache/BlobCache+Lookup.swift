#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BlobCache {
    /// What a look-up found under an entry name.
    enum Lookup {
        /// A whole, verified entry, open and locked for reading.
        case found(CacheEntry)
        /// No entry.
        case missing
        /// An entry that must not be served; the identity is that of its directory.
        case corrupt(FileIdentity)
    }

    /// The size of the blocks read to verify a blob.
    static let verificationBlockSize = 1 << 20

    /// Opens and verifies the entry named `name`, taking a shared lock on its blob.
    ///
    /// The entry directory is opened first and both files are opened through it, so they
    /// always belong to the same entry even if it is replaced meanwhile. Once the blob is
    /// locked, the name must still lead to that directory; otherwise the entry was evicted or
    /// replaced and the look-up starts again.
    ///
    /// - Parameters:
    ///   - name: The entry name.
    ///   - hashKey: The hash key the entry must record.
    ///   - heldScopes: The caller's scopes, checked against the recorded scope sets before the
    ///     blob is opened; `nil` to skip the check (the entry is opened only to verify it).
    ///   - expectedScopes: The reference's scope sets, if there is a reference: an entry that
    ///     recorded others is stale and treated as corrupt.
    ///   - trusted: The directory of an entry this process has just written, whose digest was
    ///     computed while writing: it is not hashed again.
    ///   - wasFetched: Whether a transfer was made for this request.
    ///   - deferringDigest: Whether a digest the entry needs is left to its first copy.
    /// - Returns: What was found.
    /// - Throws: ``AccessDeniedError``, `CancellationError`, ``BlobCacheError`` or
    ///   ``SystemCallError``.
    func open(
        name: String, hashKey: String, heldScopes: [String]?, expectedScopes: [[String]]?,
        trusted: FileIdentity?, wasFetched: Bool, deferringDigest: Bool = false
    ) async throws -> Lookup {
        let directoryPath = layout.entryDirectory(name)
        for _ in 0..<Self.maximumAttempts {
            guard let directory = try CacheFiles.openForReading(directoryPath, directory: true)
            else {
                return .missing
            }
            defer { close(directory) }
            let identity = try FileIdentity(descriptor: directory)
            guard let metadata = try EntryMetadata.read(inEntry: directory),
                metadata.hashKey == hashKey,
                expectedScopes == nil || expectedScopes == metadata.scopes
            else {
                return .corrupt(identity)
            }
            if let heldScopes, !scopesSatisfy(held: heldScopes, required: metadata.scopes) {
                throw AccessDeniedError(subject: hashKey, required: metadata.scopes)
            }
            guard
                let blob = try CacheFiles.openForReading(
                    CacheLayout.blobName, relativeTo: directory)
            else {
                return .corrupt(identity)
            }
            var handedOver = false
            defer {
                if !handedOver { close(blob) }
            }
            try await lockShared(blob)
            guard FileIdentity(path: directoryPath) == identity else {
                continue
            }
            let check = try integrity(
                of: blob, metadata: metadata, trusted: identity == trusted,
                deferringDigest: deferringDigest)
            guard check != .corrupt else {
                return .corrupt(identity)
            }
            CacheFiles.markAccessed(blob)
            handedOver = true
            return .found(
                CacheEntry(
                    metadata: metadata, path: layout.blobPath(name), directory: identity,
                    descriptor: blob, wasFetched: wasFetched, verified: check == .intact))
        }
        throw BlobCacheError(
            hashKey: hashKey, reason: .entryKeepsChanging(attempts: Self.maximumAttempts))
    }

    /// Takes a shared lock on a blob, waiting while an eviction holds it exclusively (it holds
    /// it only to move the entry away).
    private func lockShared(_ blob: Int32) async throws {
        var pause = Duration.milliseconds(1)
        while flock(blob, LOCK_SH | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw SystemCallError("flock")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, KeyLock.longestPause)
        }
    }

    /// What checking a blob against its metadata found.
    private enum Integrity {
        /// The blob is as recorded.
        case intact
        /// The blob differs from the record.
        case corrupt
        /// The size is right; the SHA-256 is left to the first copy.
        case digestPending
    }

    /// Checks a blob against its metadata: its size always, its SHA-256 as ``verification``
    /// says, unless `deferringDigest` leaves the SHA-256 to the entry's first copy.
    private func integrity(
        of blob: Int32, metadata: EntryMetadata, trusted: Bool, deferringDigest: Bool
    ) throws -> Integrity {
        let status = try CacheFiles.status(of: blob)
        guard Int64(status.st_size) == metadata.size else {
            return .corrupt
        }
        if trusted {
            return .intact
        }
        let unchanged =
            UInt64(status.st_ino) == metadata.blobInode
            && status.st_mtim.nanoseconds == metadata.blobModified
        if verification == .whenFileChanged, unchanged {
            return .intact
        }
        if deferringDigest {
            return .digestPending
        }
        return try digest(of: blob) == metadata.sha256 ? .intact : .corrupt
    }

    /// The hexadecimal SHA-256 of a whole file.
    ///
    /// TODO(perf): this reads and hashes on the calling task's thread, about a second per GiB
    /// here; a dedicated thread would keep the cooperative pool free for other tasks.
    private func digest(of file: Int32) throws -> String {
        let digester = Digester(.sha256)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Self.verificationBlockSize, alignment: 16)
        defer { buffer.deallocate() }
        var offset: off_t = 0
        while true {
            try Task.checkCancellation()
            let read = pread(file, buffer.baseAddress, buffer.count, offset)
            if read < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("read")
            }
            if read == 0 {
                return Hex.encode(digester.finalize())
            }
            digester.update(UnsafeRawBufferPointer(rebasing: buffer[..<read]))
            offset += off_t(read)
        }
    }
}
