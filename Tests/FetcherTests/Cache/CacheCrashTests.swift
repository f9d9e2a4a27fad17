import Fetcher
import FetcherTesting
import Foundation
import Testing

/// What a writer that died leaves behind is never served and is cleaned up, modelled in one
/// process: a foreign file description holds the key's lock while the "dead" writer's files
/// are laid out, then drops it as the kernel would. (CacheProcessTests kills real processes.)
struct CacheCrashTests {
    let blob = testBlob(100_000, seed: 61)

    /// Lays out what a writer killed mid-write leaves: a partial entry folder in `tmp`.
    func leaveHalfWrittenEntry(in folder: String, hashKey: String) throws -> String {
        let staging = "\(folder)/tmp/\(entryName(forHashKey: hashKey)).4242.0123456789abcdef.new"
        try FileManager.default.createDirectory(
            atPath: staging, withIntermediateDirectories: false)
        try Data(blob.prefix(30_000)).write(to: URL(fileURLWithPath: staging + "/blob"))
        return staging
    }

    @Test func aWriterKilledMidWriteLeavesNothingServableAndTheNextRequestRefetches()
        async throws
    {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("app", blob)
            let writer = try ForeignKeyLock(cache: folder, hashKey: reference.hashKey)
            let staging = try leaveHalfWrittenEntry(in: folder, hashKey: reference.hashKey)
            #expect(
                try await cache.cachedEntry(forHashKey: reference.hashKey, heldScopes: []) == nil)
            #expect(try cache.entries().isEmpty)
            // Leftovers of a live lock holder are left alone.
            _ = try BlobCache(directory: folder)
            try cache.prune(toSize: 0)
            #expect(FileManager.default.fileExists(atPath: staging))
            writer.release()
            let entry = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { entry.close() }
            #expect(entry.wasFetched)
            #expect(try entry.bytes() == blob)
            #expect(reference.fetchCount == 1)
            #expect(temporaryNames(in: folder).isEmpty)
        }
    }

    @Test func openingTheCacheCleansLeftoversOfDeadWriters() async throws {
        try await withCacheFolder { folder in
            _ = try BlobCache(directory: folder)
            let writer = try ForeignKeyLock(cache: folder, hashKey: "fake:gone")
            _ = try leaveHalfWrittenEntry(in: folder, hashKey: "fake:gone")
            try FileManager.default.createDirectory(
                atPath: folder + "/tmp/\(entryName(forHashKey: "fake:gone")).4242.00.old",
                withIntermediateDirectories: false)
            try Data().write(to: URL(fileURLWithPath: folder + "/tmp/not-ours"))
            writer.release()
            _ = try BlobCache(directory: folder)
            #expect(temporaryNames(in: folder) == ["not-ours"])
            #expect(
                ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/locks")) ?? [])
                    .isEmpty)
        }
    }

    @Test func anEntryIsVisibleOnlyOnceWhole() async throws {
        // While the transfer runs, the entry's name does not exist at all.
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let gate = Gate()
            let reference = fakeReference("app", blob, gate: gate)
            let request = Task { try await cachedBytes(cache, reference) }
            #expect(await waitUntil { reference.fetchCount == 1 })
            #expect(entryNames(in: folder).isEmpty)
            #expect(temporaryNames(in: folder).count == 1)
            gate.open()
            #expect(try await request.value == blob)
            #expect(entryNames(in: folder) == [entryName(forHashKey: reference.hashKey)])
            let entry = entryNames(in: folder)[0]
            let files = try FileManager.default.contentsOfDirectory(
                atPath: "\(folder)/entries/\(entry)")
            #expect(files.sorted() == ["blob", "meta.json"])
        }
    }
}
