import Foundation

/// An on-disk cache of blobs, keyed by their references' hash keys, that any number of
/// processes can share.
///
/// ```swift
/// let cache = try BlobCache(directory: "/var/cache/fetcher", sizeBudget: 20 << 30)
/// let entry = try await cache.entry(
///     for: reference, heldScopes: ["queue:get-artifact:*"], context: context)
/// defer { entry.close() }
/// try entry.copy(to: target)
/// ```
///
/// - **One transfer per key.** Concurrent requests for a key, in one process or several, make
///   one transfer; the others wait for it and then read the entry. Across processes a `flock`
///   on a per-key lock file orders the writers; the kernel releases the lock of a process that
///   dies, so a waiter takes over instead of waiting for ever.
/// - **Crash safety.** An entry is written in a temporary folder, flushed, renamed into place
///   and its parent folder flushed. A process killed at any point leaves no entry that can be
///   served, and whoever next takes the key's lock (or opens the cache) deletes its leftovers.
/// - **Scopes.** A caller is served only if its scopes satisfy the reference's scope sets,
///   checked before anything is read or transferred.
/// - **Integrity.** The SHA-256 computed while the entry was written is checked when it is
///   opened (see ``Verification``); a corrupt entry is replaced by a new transfer, never
///   served.
/// - **Eviction.** With a size budget, each new entry evicts the least recently used entries
///   until the cache fits; an entry open in any process is never removed.
///
/// The last use of an entry is the access time of its blob file, set on each hit.
public final class BlobCache: Sendable {
    /// The cache folder, as an absolute path.
    public let directory: String

    /// The most bytes the entries may take together, enforced after each new entry; `nil`
    /// for no limit.
    public let sizeBudget: Int64?

    /// When an entry's content is checked against its recorded SHA-256.
    public let verification: Verification

    /// How many times a request looks the entry up before giving up on a cache that others
    /// keep changing under it.
    static let maximumAttempts = 5

    let layout: CacheLayout
    let flights = TransferFlights<TransferOutcome>()

    /// Opens the cache in `directory`, creating the folder if needed, and deletes what dead
    /// writers left there.
    ///
    /// - Parameters:
    ///   - directory: The cache folder, created with its parents if missing.
    ///   - sizeBudget: The most bytes the entries may take together; `nil` for no limit.
    ///   - verification: When entries are checked against their SHA-256.
    /// - Throws: ``SystemCallError`` when the folder cannot be created.
    public init(directory: String, sizeBudget: Int64? = nil, verification: Verification = .always)
        throws
    {
        layout = CacheLayout(root: directory)
        self.directory = layout.root
        self.sizeBudget = sizeBudget
        self.verification = verification
        if CacheFiles.status(ofPath: layout.root) == nil {
            try? FileManager.default.createDirectory(
                atPath: layout.root, withIntermediateDirectories: true)
        }
        for folder in [
            layout.root, layout.entriesDirectory, layout.temporaryDirectory,
            layout.locksDirectory,
        ] {
            try CacheFiles.makeDirectory(folder)
        }
        if CacheFiles.status(ofPath: layout.tagFile) == nil {
            try? CacheFiles.writeDurably(Array(CacheLayout.tagContent.utf8), to: layout.tagFile)
        }
        removeLeftovers()
    }

    /// Returns the verified entry for `reference`, fetching it first if the cache lacks it.
    ///
    /// The scopes are checked before anything else. When the entry is missing or corrupt, one
    /// transfer is made for all concurrent requests of the key (this process's requests share
    /// it; other processes wait for it on the key's lock), with the `context` of the request
    /// that started it. A corrupt entry, or one that recorded other scope sets than the
    /// reference's, is removed and fetched again.
    ///
    /// An entry found in the cache is hashed before it is returned, as ``verification`` says.
    /// A caller that copies the whole entry into a target it can reset may instead pass
    /// `checkingWhileCopying`: the entry is then returned at once, unverified, and its
    /// ``CacheEntry/copy(to:)`` hashes the bytes as they pass, so a hit reads the blob once
    /// and hashing overlaps the copy. If that copy finds the entry corrupt, it resets the
    /// target and throws; asking again without `checkingWhileCopying` replaces the entry.
    ///
    /// - Parameters:
    ///   - reference: What to fetch.
    ///   - heldScopes: The scopes the caller holds.
    ///   - context: Progress, Taskcluster client and transfer settings of a transfer.
    ///   - checkingWhileCopying: Whether a found entry's SHA-256 is checked by its first
    ///     copy rather than before it is returned.
    /// - Returns: The open entry; close it when done.
    /// - Throws: ``AccessDeniedError`` listing the scope sets needed when `heldScopes` do not
    ///   satisfy the reference (or the entry's recorded scopes); the transfer's error;
    ///   `CancellationError`; ``BlobCacheError`` or ``SystemCallError`` for a cache failure.
    public func entry(
        for reference: any Reference, heldScopes: [String], context: FetchContext,
        checkingWhileCopying: Bool = false
    ) async throws -> CacheEntry {
        let hashKey = reference.hashKey
        let scopes = reference.scopes
        guard scopesSatisfy(held: heldScopes, required: scopes) else {
            throw AccessDeniedError(subject: hashKey, required: scopes)
        }
        let name = CacheLayout.entryName(forHashKey: hashKey)
        var trusted: FileIdentity?
        var wasFetched = false
        for _ in 0..<Self.maximumAttempts {
            try Task.checkCancellation()
            let lookup = try await open(
                name: name, hashKey: hashKey, heldScopes: heldScopes, expectedScopes: scopes,
                trusted: trusted, wasFetched: wasFetched, deferringDigest: checkingWhileCopying)
            let corrupt: FileIdentity?
            switch lookup {
            case .found(let entry):
                return entry
            case .missing:
                corrupt = nil
            case .corrupt(let identity):
                corrupt = identity
            }
            let outcome = try await flights.join(name) { [self] in
                try await transfer(reference, name: name, replacing: corrupt, context: context)
            }
            trusted = outcome.verified
            wasFetched = wasFetched || outcome.transferred
        }
        throw BlobCacheError(
            hashKey: hashKey, reason: .entryKeepsChanging(attempts: Self.maximumAttempts))
    }

    /// Returns the verified entry for a hash key if the cache holds one, without fetching.
    ///
    /// A corrupt entry is removed and reported as missing.
    ///
    /// - Parameters:
    ///   - hashKey: The reference's hash key.
    ///   - heldScopes: The scopes the caller holds, checked against the entry's recorded scope
    ///     sets before its blob is read.
    /// - Returns: The open entry, or `nil` when there is none.
    /// - Throws: ``AccessDeniedError`` when `heldScopes` do not satisfy the recorded scope
    ///   sets; `CancellationError`; ``BlobCacheError`` or ``SystemCallError``.
    public func cachedEntry(forHashKey hashKey: String, heldScopes: [String]) async throws
        -> CacheEntry?
    {
        let name = CacheLayout.entryName(forHashKey: hashKey)
        let lookup = try await open(
            name: name, hashKey: hashKey, heldScopes: heldScopes, expectedScopes: nil,
            trusted: nil, wasFetched: false)
        switch lookup {
        case .found(let entry):
            return entry
        case .missing:
            return nil
        case .corrupt(let identity):
            let lock = try await KeyLock.acquire(layout.lockPath(name))
            defer { lock.release() }
            try discard(name: name, ifStill: identity)
            return nil
        }
    }
}
