import Fetcher
import FetcherTesting
import Foundation
import Testing

/// Index references resolve to a task before the cache is consulted, so a moved index is
/// never served the old task's entry.
struct CacheIndexTests {
    @Test func anIndexThatMovesToANewTaskIsNotServedTheOldEntry() async throws {
        let emulator = try TaskclusterEmulator()
        defer { emulator.shutdown() }
        let (oldTask, newTask) = (
            TaskclusterEmulator.makeTaskId(), TaskclusterEmulator.makeTaskId()
        )
        let (oldBlob, newBlob) = (testBlob(40_000, seed: 51), testBlob(50_000, seed: 52))
        for (taskId, blob) in [(oldTask, oldBlob), (newTask, newBlob)] {
            emulator.addTask(taskId)
            emulator.addArtifact(
                taskId: taskId, runId: 0, name: "public/app.bin", content: .s3(blob))
        }
        emulator.setIndex(namespace: "project.app.latest", taskId: oldTask)
        let context = FetchContext(
            taskcluster: TaskclusterClient(rootURL: emulator.rootURL), transfer: quickSettings)
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let fetcher = CachingFetcher(
                base: CombinedFetcher.standard, cache: cache, heldScopes: [])
            func fetchLatest() async throws -> (key: String, bytes: [UInt8]) {
                let reference = try await fetcher.makeReference(
                    from: ["namespace": "project.app.latest", "artifact": "public/app.bin"],
                    context: context)
                let target = MemoryResetter()
                try await reference.fetch(into: target, context: context)
                return (reference.hashKey, target.bytes)
            }
            let first = try await fetchLatest()
            #expect(first.bytes == oldBlob)
            #expect(first.key.hasSuffix("\(oldTask)/0/public/app.bin"))
            #expect(try await fetchLatest().bytes == oldBlob)
            #expect(emulator.requests(to: .getArtifact).count == 1, "the second was a hit")
            emulator.setIndex(namespace: "project.app.latest", taskId: newTask)
            let moved = try await fetchLatest()
            #expect(moved.bytes == newBlob)
            #expect(moved.key.hasSuffix("\(newTask)/0/public/app.bin"))
            #expect(emulator.requests(to: .getArtifact).count == 2)
            #expect(Set(try cache.entries().map(\.hashKey)) == [first.key, moved.key])
        }
    }
}
