import FetcherTesting
import Foundation
import Testing

@testable import Fetcher

/// One transfer per key, however many requests ask for it at once.
struct CacheConcurrencyTests {
    let blob = testBlob(1_500_000, seed: 21)

    /// The reference to `path` on `server`, made by the standard fetchers.
    func reference(_ server: FaultServer, _ path: String) async throws -> any Reference {
        try await CombinedFetcher.standard.makeReference(
            from: .string(server.url(path)), context: cacheContext)
    }

    @Test func sixtyFourConcurrentRequestsMakeOneTransfer() async throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        var slow = ServerResponse.ok(blob)
        slow.delay = .milliseconds(200)
        server.route("/blob", slow)
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = try await reference(server, "/blob")
            let digests = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        let entry = try await cache.entry(
                            for: reference, heldScopes: [], context: cacheContext)
                        defer { entry.close() }
                        return sha256Hex(try entry.bytes())
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(digests.count == 64)
            #expect(Set(digests) == [sha256Hex(blob)])
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func twoCacheObjectsOnOneFolderShareTheTransferThroughTheFileLock() async throws {
        // Each BlobCache coalesces its own requests; between the two only the key's file lock
        // (two open file descriptions, as in two processes) keeps a second transfer away.
        let server = try FaultServer()
        defer { server.shutdown() }
        var slow = ServerResponse.ok(blob)
        slow.delay = .milliseconds(200)
        server.route("/blob", slow)
        try await withCacheFolder { folder in
            let caches = [try BlobCache(directory: folder), try BlobCache(directory: folder)]
            let reference = try await reference(server, "/blob")
            let fetched = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        let entry = try await caches[index % 2].entry(
                            for: reference, heldScopes: [], context: cacheContext)
                        defer { entry.close() }
                        #expect(try entry.bytes() == blob)
                        return entry.wasFetched
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(fetched.count == 16)
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func waitersShareTheOutcomeOfAFailedTransfer() async throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        var missing = ServerResponse.status(404)
        missing.delay = .milliseconds(200)
        server.route("/missing", missing)
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = try await reference(server, "/missing")
            let failures = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await cache.entry(
                                for: reference, heldScopes: [], context: cacheContext)
                            return false
                        } catch {
                            return isBrokenReference(error)
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(failures == Array(repeating: true, count: 8))
            #expect(server.requests(to: "/missing").count == 1)
            #expect(entryNames(in: folder).isEmpty)
        }
    }

    @Test func aCancelledWaiterLeavesTheTransferToTheOthers() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let gate = Gate()
            let reference = fakeReference("app", blob, gate: gate)
            let name = entryName(forHashKey: reference.hashKey)
            let leaving = Task {
                try await cache.entry(for: reference, heldScopes: [], context: cacheContext)
            }
            #expect(await waitUntil { reference.fetchCount == 1 })
            let staying = Task { try await cachedBytes(cache, reference) }
            #expect(await waitUntil { cache.flights.waiterCount(for: name) == 2 })
            leaving.cancel()
            await #expect(throws: CancellationError.self) { _ = try await leaving.value }
            #expect(cache.flights.waiterCount(for: name) == 1)
            gate.open()
            #expect(try await staying.value == blob)
            #expect(reference.fetchCount == 1)
        }
    }

    @Test func aLockWhoseHolderDiesIsTakenOver() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("app", blob)
            let holder = try ForeignKeyLock(cache: folder, hashKey: reference.hashKey)
            let request = Task { try await cachedBytes(cache, reference) }
            try await Task.sleep(for: .milliseconds(150))
            #expect(reference.fetchCount == 0, "the transfer waits for the lock")
            holder.release()
            #expect(try await request.value == blob)
            #expect(reference.fetchCount == 1)
        }
    }
}
