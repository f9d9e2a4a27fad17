import Fetcher
import FetcherTesting
import Foundation
import Testing

/// Least recently used entries go first, entries in use never.
struct CacheEvictionTests {
    let blobs = ["a", "b", "c"].map { ($0, testBlob(100, seed: UInt64($0.utf8.first!))) }

    /// Fills the cache with `a`, `b` and `c` (100 bytes each), in that order, then uses `a`.
    func fill(_ cache: BlobCache) async throws -> [String: CountingReference] {
        var references: [String: CountingReference] = [:]
        for (name, bytes) in blobs {
            references[name] = fakeReference(name, bytes)
            _ = try await cachedBytes(cache, references[name]!)
            try await Task.sleep(for: .milliseconds(5))
        }
        _ = try await cachedBytes(cache, references["a"]!)
        return references
    }

    @Test func pruneRemovesTheLeastRecentlyUsedFirst() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let references = try await fill(cache)
            #expect(try cache.entries().map(\.hashKey) == ["fake:a", "fake:c", "fake:b"])
            #expect(try cache.prune(toSize: 200).map(\.hashKey) == ["fake:b"])
            #expect(try cache.prune(toSize: 200).isEmpty)
            #expect(try cache.prune(toSize: 150).map(\.hashKey) == ["fake:c"])
            #expect(try cache.entries().map(\.hashKey) == ["fake:a"])
            #expect(entryNames(in: folder) == [entryName(forHashKey: "fake:a")])
            #expect(references["a"]!.fetchCount == 1)
            #expect(try await cachedBytes(cache, references["b"]!) == blobs[1].1)
            #expect(references["b"]!.fetchCount == 2)
        }
    }

    @Test func anEntryInUseIsNeverRemoved() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let references = try await fill(cache)
            // `b` is the least recently used, but open.
            let open = try await cache.entry(
                for: references["b"]!, heldScopes: [], context: cacheContext)
            try await Task.sleep(for: .milliseconds(5))
            _ = try await cachedBytes(cache, references["a"]!)
            let other = try BlobCache(directory: folder)
            #expect(try other.prune(toSize: 0).map(\.hashKey) == ["fake:c", "fake:a"])
            #expect(try open.bytes() == blobs[1].1)
            #expect(FileManager.default.fileExists(atPath: open.path))
            open.close()
            #expect(try other.clear().map(\.hashKey) == ["fake:b"])
            #expect(entryNames(in: folder).isEmpty)
            #expect(
                ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/locks"))
                    ?? ["?"]).isEmpty, "lock files of removed entries are deleted")
        }
    }

    @Test func aSizeBudgetIsKeptAsEntriesArrive() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, sizeBudget: 250)
            var references: [String: CountingReference] = [:]
            for (name, bytes) in blobs {
                references[name] = fakeReference(name, bytes)
                _ = try await cachedBytes(cache, references[name]!)
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(try cache.entries().map(\.hashKey) == ["fake:c", "fake:b"])
            _ = try await cachedBytes(cache, references["b"]!)
            try await Task.sleep(for: .milliseconds(5))
            _ = try await cachedBytes(cache, references["a"]!)
            #expect(try cache.entries().map(\.hashKey) == ["fake:a", "fake:b"])
            #expect(references["a"]!.fetchCount == 2)
            #expect(references["b"]!.fetchCount == 1)
        }
    }

    @Test func aNewEntryLargerThanTheBudgetIsKeptUntilNextTime() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder, sizeBudget: 50)
            let reference = fakeReference("a", blobs[0].1)
            let entry = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { entry.close() }
            #expect(try entry.bytes() == blobs[0].1)
            #expect(try cache.entries().map(\.hashKey) == ["fake:a"])
        }
    }
}
