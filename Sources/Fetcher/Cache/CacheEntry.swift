import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A verified cache entry, open for reading.
///
/// The entry holds its blob file open with a shared `flock` until ``close()`` is called or the
/// entry is released: while it does, ``BlobCache/prune(toSize:)`` in any process leaves the
/// entry alone, so ``path`` stays valid. Read the blob with ``copy(to:)`` or ``bytes()``, or
/// hand ``path`` to a tool for as long as the entry is open.
///
/// An entry asked for with `checkingWhileCopying` may come unverified (``isVerified`` is
/// `false`): its first copy checks the SHA-256, and its file must not be used before.
public final class CacheEntry: Sendable {
    /// The reference's hash key.
    public let hashKey: String

    /// The scope sets recorded with the entry.
    public let scopes: [[String]]

    /// The blob file, `<cache>/entries/<SHA-256 of the hash key>/blob`, to be used only once
    /// ``isVerified`` is `true`. Treat it as read-only:
    /// a changed file fails verification and is fetched again. The path stays valid while the
    /// entry is open, unless another request finds the file corrupt and replaces the entry
    /// (this entry's own reads are not affected: they go through its open descriptor).
    public let path: String

    /// The blob's length in bytes.
    public let size: Int64

    /// The blob's SHA-256 in lower-case hexadecimal.
    public let sha256: String

    /// When the entry was made.
    public let created: Date

    /// Whether a transfer was made for this request (by this request or one it waited for),
    /// rather than the entry being found in the cache.
    public let wasFetched: Bool

    /// The identity of the entry's directory when it was opened.
    let directory: FileIdentity

    private static let blockSize = 1 << 20
    private let descriptor: Mutex<Int32?>
    private let verified: Mutex<Bool>

    init(
        metadata: EntryMetadata, path: String, directory: FileIdentity, descriptor: Int32,
        wasFetched: Bool, verified: Bool
    ) {
        self.directory = directory
        self.hashKey = metadata.hashKey
        self.scopes = metadata.scopes
        self.path = path
        self.size = metadata.size
        self.sha256 = metadata.sha256
        self.created = metadata.createdDate
        self.wasFetched = wasFetched
        self.descriptor = Mutex(descriptor)
        self.verified = Mutex(verified)
    }

    /// Whether the blob's content is known to match its recorded SHA-256: checked when the
    /// entry was opened, or by a whole copy since.
    public var isVerified: Bool {
        verified.withLock { $0 }
    }

    deinit {
        close()
    }

    /// Whether the entry is still open.
    public var isOpen: Bool {
        descriptor.withLock { $0 != nil }
    }

    /// Closes the blob file, releasing the shared lock; closing again does nothing.
    public func close() {
        descriptor.withLock { descriptor in
            if let open = descriptor {
                _ = Glibc.close(open)
                descriptor = nil
            }
        }
    }

    /// Appends the whole blob to `target`, reading it in blocks of 1 MiB.
    ///
    /// Copies from one entry take turns; open the entry again to read it from several tasks
    /// at once. An entry not verified yet is hashed on another thread as it is copied; if its
    /// SHA-256 differs from the recorded one, `target` is reset and the copy throws
    /// ``BlobCacheError/Reason/entryCorrupt(expectedSHA256:computedSHA256:)``.
    ///
    /// - Parameter target: Where the bytes go.
    /// - Throws: ``BlobCacheError`` when the entry was closed, its file has shrunk or its
    ///   content is corrupt; ``SystemCallError`` when a read fails; or the target's error.
    public func copy(to target: any WriteResetter) throws {
        try descriptor.withLock { descriptor in
            guard let open = descriptor else {
                throw BlobCacheError(hashKey: hashKey, reason: .entryClosed)
            }
            let digester = isVerified ? nil : BackgroundDigester(.sha256)
            let buffer = UnsafeMutableRawBufferPointer.allocate(
                byteCount: Self.blockSize, alignment: 16)
            defer { buffer.deallocate() }
            var offset: Int64 = 0
            while offset < size {
                let wanted = Int(min(Int64(Self.blockSize), size - offset))
                let read = pread(open, buffer.baseAddress, wanted, off_t(offset))
                if read < 0 {
                    if errno == EINTR { continue }
                    throw SystemCallError("read \(path)")
                }
                if read == 0 {
                    throw BlobCacheError(
                        hashKey: hashKey, reason: .entryTruncated(expected: size, found: offset))
                }
                let piece = UnsafeRawBufferPointer(rebasing: buffer[..<read])
                if let digester {
                    try digester.update(piece) { try target.write(piece) }
                } else {
                    try target.write(piece)
                }
                offset += Int64(read)
            }
            if let digester {
                try check(digester, copiedTo: target)
            }
        }
    }

    /// Compares the digest of a whole copy with the recorded one: marks the entry verified,
    /// or resets `target` and throws.
    private func check(_ digester: BackgroundDigester, copiedTo target: any WriteResetter) throws {
        let computed = Hex.encode(digester.finalize())
        guard computed == sha256 else {
            try target.reset()
            throw BlobCacheError(
                hashKey: hashKey,
                reason: .entryCorrupt(expectedSHA256: sha256, computedSHA256: computed))
        }
        verified.withLock { $0 = true }
    }

    /// Reads the whole blob into memory; for small blobs.
    ///
    /// - Returns: The blob's bytes.
    /// - Throws: Like ``copy(to:)``.
    public func bytes() throws -> [UInt8] {
        let memory = MemoryResetter()
        try copy(to: memory)
        return memory.bytes
    }

    /// A new descriptor of the blob file, open for reading, which the caller closes.
    ///
    /// The descriptor shares the entry's open file (a `dup`): it keeps the shared lock held
    /// even after ``close()``, until it is closed too, and it shares the file offset with
    /// other descriptors made here, so prefer `pread` to `read` when making several.
    ///
    /// - Returns: The descriptor.
    /// - Throws: ``BlobCacheError`` when the entry was closed or is not verified yet,
    ///   ``SystemCallError`` when `dup` fails.
    public func duplicateFileDescriptor() throws -> Int32 {
        try descriptor.withLock { descriptor in
            guard let open = descriptor else {
                throw BlobCacheError(hashKey: hashKey, reason: .entryClosed)
            }
            guard isVerified else {
                throw BlobCacheError(hashKey: hashKey, reason: .entryNotVerified)
            }
            let copy = fcntl(open, F_DUPFD_CLOEXEC, 0)
            guard copy >= 0 else {
                throw SystemCallError("dup \(path)")
            }
            return copy
        }
    }
}
