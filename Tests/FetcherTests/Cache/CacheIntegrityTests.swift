import Fetcher
import FetcherTesting
import Foundation
import Testing

/// A corrupt entry is detected when opened, evicted and fetched again, never served.
struct CacheIntegrityTests {
    let blob = testBlob(200_000, seed: 41)

    @Test func aFlippedByteIsDetectedAndRepaired() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .always)
            let reference = fakeReference("app", blob)
            #expect(try await cachedBytes(cache, reference) == blob)
            // Same size, same inode, same modification time: only the content tells.
            try flipByte(at: 123_456, of: blobPath(in: folder, hashKey: reference.hashKey))
            let entry = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { entry.close() }
            #expect(entry.wasFetched)
            #expect(try entry.bytes() == blob)
            #expect(reference.fetchCount == 2)
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: entry.path))
            #expect(Array(onDisk) == blob)
            #expect(temporaryNames(in: folder).isEmpty)
        }
    }

    /// Fills the cache with `reference`, runs `change`, then opens the entry with its digest
    /// left to its first copy.
    private func fillThenOpenCheckingWhileCopying(
        _ cache: BlobCache, _ reference: CountingReference, change: () throws -> Void = {}
    ) async throws -> CacheEntry {
        _ = try await cachedBytes(cache, reference)
        try change()
        return try await cache.entry(
            for: reference, heldScopes: [], context: cacheContext, checkingWhileCopying: true)
    }

    @Test func anEntryCheckedWhileCopyingIsVerifiedByItsFirstCopy() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .always)
            let reference = fakeReference("app", blob)
            let entry = try await fillThenOpenCheckingWhileCopying(cache, reference)
            defer { entry.close() }
            #expect(!entry.isVerified)
            #expect(throws: BlobCacheError(hashKey: "fake:app", reason: .entryNotVerified)) {
                _ = try entry.duplicateFileDescriptor()
            }
            #expect(try entry.bytes() == blob)
            #expect(entry.isVerified)
            let descriptor = try entry.duplicateFileDescriptor()
            close(descriptor)
            #expect(reference.fetchCount == 1)
        }
    }

    @Test func aCopyThatFindsTheEntryCorruptEmptiesItsTarget() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .always)
            let reference = fakeReference("app", blob)
            let entry = try await fillThenOpenCheckingWhileCopying(cache, reference) {
                try flipByte(at: 150_000, of: blobPath(in: folder, hashKey: reference.hashKey))
            }
            defer { entry.close() }
            let target = MemoryResetter()
            #expect {
                try entry.copy(to: target)
            } throws: { error in
                guard let error = error as? BlobCacheError,
                    case .entryCorrupt(let expected, let computed) = error.reason
                else { return false }
                return expected == sha256Hex(blob) && computed != expected
                    && computed.count == 64
            }
            #expect(target.bytes.isEmpty)
            #expect(!entry.isVerified)
            #expect(reference.fetchCount == 1)
        }
    }

    @Test func aCachedReferenceReplacesAnEntryItsCopyFoundCorrupt() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .always)
            let reference = fakeReference("app", blob)
            let cached = CachedReference(base: reference, cache: cache, heldScopes: [])
            let first = MemoryResetter()
            try await cached.fetch(into: first, context: cacheContext)
            #expect(first.bytes == blob)
            try flipByte(at: 199_999, of: blobPath(in: folder, hashKey: reference.hashKey))
            let second = MemoryResetter()
            try await cached.fetch(into: second, context: cacheContext)
            #expect(second.bytes == blob)
            #expect(reference.fetchCount == 2)
            let onDisk = try Data(
                contentsOf: URL(
                    fileURLWithPath: blobPath(
                        in: folder, hashKey: reference.hashKey)))
            #expect(Array(onDisk) == blob)
            let third = MemoryResetter()
            try await cached.fetch(into: third, context: cacheContext)
            #expect(third.bytes == blob)
            #expect(reference.fetchCount == 2)
        }
    }

    @Test func anUntouchedEntryNeedsNoCopyToBeTrustedWhenOnlyChangesAreChecked() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .whenFileChanged)
            let reference = fakeReference("app", blob)
            let entry = try await fillThenOpenCheckingWhileCopying(cache, reference)
            defer { entry.close() }
            #expect(entry.isVerified)
        }
    }

    @Test func whenFileChangedCatchesARewrittenFile() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .whenFileChanged)
            let reference = fakeReference("app", blob)
            _ = try await cachedBytes(cache, reference)
            try await Task.sleep(for: .milliseconds(20))
            try flipByte(
                at: 10, of: blobPath(in: folder, hashKey: reference.hashKey),
                keepingModificationTime: false)
            #expect(try await cachedBytes(cache, reference) == blob)
            #expect(reference.fetchCount == 2)
        }
    }

    @Test func whenFileChangedTrustsAnUntouchedFile() async throws {
        // The trade-off of the mode: a change that keeps size, inode and modification time
        // (silent corruption of the disk) is not hashed for, so it is not seen.
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .whenFileChanged)
            let reference = fakeReference("app", blob)
            _ = try await cachedBytes(cache, reference)
            try flipByte(at: 10, of: blobPath(in: folder, hashKey: reference.hashKey))
            #expect(try await cachedBytes(cache, reference) != blob)
            #expect(reference.fetchCount == 1)
            let always = try BlobCache(directory: folder, verification: .always)
            #expect(try await cachedBytes(always, reference) == blob)
            #expect(reference.fetchCount == 2)
        }
    }

    @Test func aTruncatedBlobIsNotServed() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, verification: .whenFileChanged)
            let reference = fakeReference("app", blob)
            _ = try await cachedBytes(cache, reference)
            #expect(truncate(blobPath(in: folder, hashKey: reference.hashKey), 1000) == 0)
            #expect(try await cachedBytes(cache, reference) == blob)
            #expect(reference.fetchCount == 2)
        }
    }

    @Test func brokenMetadataIsNotServed() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("app", blob)
            _ = try await cachedBytes(cache, reference)
            let metadata = "\(folder)/entries/\(entryName(forHashKey: reference.hashKey))/meta.json"
            try Data("{not json".utf8).write(to: URL(fileURLWithPath: metadata))
            #expect(try cache.entries().isEmpty, "listing skips it")
            #expect(try await cachedBytes(cache, reference) == blob)
            #expect(reference.fetchCount == 2)
            #expect(try cache.entries().map(\.hashKey) == [reference.hashKey])
        }
    }

    @Test func aCorruptEntryFoundWithoutAReferenceIsRemoved() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("app", blob)
            _ = try await cachedBytes(cache, reference)
            try flipByte(at: 0, of: blobPath(in: folder, hashKey: reference.hashKey))
            let found = try await cache.cachedEntry(forHashKey: reference.hashKey, heldScopes: [])
            #expect(found == nil)
            #expect(entryNames(in: folder).isEmpty)
            #expect(temporaryNames(in: folder).isEmpty)
        }
    }
}
