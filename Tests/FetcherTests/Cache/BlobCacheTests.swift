import Fetcher
import FetcherTesting
import Foundation
import Testing

/// Misses, hits, what an entry records and where, and failed transfers.
struct BlobCacheTests {
    let blob = testBlob(300_000, seed: 11)

    @Test func aMissFetchesOnceAndHitsReadTheEntry() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("app", blob)
            let first = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            #expect(first.wasFetched)
            #expect(try first.bytes() == blob)
            first.close()
            let second = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { second.close() }
            #expect(!second.wasFetched)
            #expect(try second.bytes() == blob)
            #expect(reference.fetchCount == 1)
        }
    }

    @Test func anEntryRecordsKeyScopesSizeAndDigestUnderTheDigestOfItsKey() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let hashKey = "fake:../../etc/passwd"
            let reference = fakeReference(
                "../../etc/passwd", blob, scopes: [["a", "b"], ["c"]])
            let before = Date()
            let entry = try await cache.entry(
                for: reference, heldScopes: ["c"], context: cacheContext)
            defer { entry.close() }
            #expect(entry.hashKey == hashKey)
            #expect(entry.scopes == [["a", "b"], ["c"]])
            #expect(entry.size == Int64(blob.count))
            #expect(entry.sha256 == sha256Hex(blob))
            #expect(entry.path == blobPath(in: folder, hashKey: hashKey))
            #expect(entryNames(in: folder) == [entryName(forHashKey: hashKey)])
            let metadata = try JSONValue(
                parsing: Data(
                    contentsOf: URL(
                        fileURLWithPath: "\(folder)/entries/\(entryName(forHashKey: hashKey))"
                            + "/meta.json")))
            #expect(metadata["hashKey"] == .string(hashKey))
            #expect(metadata["sha256"] == .string(sha256Hex(blob)))
            #expect(metadata["size"] == .integer(Int64(blob.count)))
            let listed = try #require(try cache.entries().first)
            #expect(listed.hashKey == hashKey)
            #expect(listed.scopes == [["a", "b"], ["c"]])
            #expect(listed.sha256 == sha256Hex(blob))
            #expect(listed.size == Int64(blob.count))
            #expect(listed.created.timeIntervalSince(before) > -1)
            #expect(listed.lastUsed.timeIntervalSince(before) > -1)
        }
    }

    @Test func anEmptyBlobIsAnEntryToo() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("empty", [])
            #expect(try await cachedBytes(cache, reference) == [])
            #expect(try await cachedBytes(cache, reference) == [])
            #expect(reference.fetchCount == 1)
            #expect(try cache.clear().map(\.hashKey) == ["fake:empty"])
        }
    }

    @Test func aFailedTransferLeavesNothingAndIsRetriedNextTime() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let failing = CountingReference(
                FakeReference(name: "app", blob: FakeFetcher.Blob(blob, failsAfter: 1000)))
            await #expect(throws: BrokenReferenceError.self) {
                _ = try await cache.entry(for: failing, heldScopes: [], context: cacheContext)
            }
            #expect(entryNames(in: folder).isEmpty)
            #expect(temporaryNames(in: folder).isEmpty)
            let working = fakeReference("app", blob)
            #expect(try await cachedBytes(cache, working) == blob)
            #expect(working.fetchCount == 1)
        }
    }

    @Test func aResetDuringTheTransferKeepsOnlyTheLastAttempt() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = CountingReference(
                FakeReference(name: "app", blob: FakeFetcher.Blob(blob, resetsOnce: true)))
            let entry = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { entry.close() }
            #expect(entry.size == Int64(blob.count))
            #expect(entry.sha256 == sha256Hex(blob))
            #expect(try entry.bytes() == blob)
        }
    }

    @Test func cachedEntryServesOnlyWhatIsThere() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            #expect(try await cache.cachedEntry(forHashKey: "fake:app", heldScopes: []) == nil)
            _ = try await cachedBytes(cache, fakeReference("app", blob))
            let entry = try #require(
                try await cache.cachedEntry(forHashKey: "fake:app", heldScopes: []))
            defer { entry.close() }
            #expect(try entry.bytes() == blob)
        }
    }

    @Test func aClosedEntryRefusesReadsAndADuplicateDescriptorReads() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let entry = try await cache.entry(
                for: fakeReference("app", blob), heldScopes: [], context: cacheContext)
            let descriptor = try entry.duplicateFileDescriptor()
            defer { close(descriptor) }
            var first = [UInt8](repeating: 0, count: 16)
            #expect(pread(descriptor, &first, 16, 0) == 16)
            #expect(first == Array(blob.prefix(16)))
            entry.close()
            #expect(!entry.isOpen)
            #expect(throws: BlobCacheError(hashKey: "fake:app", reason: .entryClosed)) {
                try entry.bytes()
            }
        }
    }

    @Test func theCachingFetcherKeepsTheBaseKeysAndFetchesOnce() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let fetcher = CachingFetcher(
                base: FakeFetcher(blobs: ["app": FakeFetcher.Blob(blob)]), cache: cache,
                heldScopes: [])
            #expect(fetcher.schema == FakeFetcher(blobs: [:]).schema)
            for _ in 0..<3 {
                let reference = try await fetcher.makeReference(
                    from: ["fake": "app"], context: cacheContext)
                #expect(reference.hashKey == "fake:app")
                let target = MemoryResetter()
                try await reference.fetch(into: target, context: cacheContext)
                #expect(target.bytes == blob)
            }
            #expect(try cache.entries().count == 1)
        }
    }

    @Test func theCachingFetcherStreams() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let fetcher = CachingFetcher(
                base: FakeFetcher(blobs: ["app": FakeFetcher.Blob(blob)]), cache: cache,
                heldScopes: [])
            let reference = try await fetcher.makeReference(
                from: ["fake": "app"], context: cacheContext)
            let received = MemoryResetter()
            try await reference.fetchAsStream(context: cacheContext) { stream in
                received.reset()
                for try await chunk in stream {
                    try received.write(chunk)
                }
            }
            #expect(received.bytes == blob)
        }
    }

    @Test func aCancelledRequestLeavesNothingServable() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let slow = fakeReference("app", blob, pause: .seconds(30))
            let request = Task {
                try await cache.entry(for: slow, heldScopes: [], context: cacheContext)
            }
            #expect(await waitUntil { slow.fetchCount == 1 })
            request.cancel()
            await #expect(throws: CancellationError.self) { _ = try await request.value }
            // The transfer stops once its last waiter is gone, and cleans up after itself.
            #expect(await waitUntil { temporaryNames(in: folder).isEmpty })
            #expect(entryNames(in: folder).isEmpty)
            let quick = fakeReference("app", blob)
            #expect(try await cachedBytes(cache, quick) == blob)
            #expect(quick.fetchCount == 1)
        }
    }
}
