import Fetcher
import FetcherTesting
import Foundation
import Synchronization
import Testing

/// Two processes sharing a cache folder: the test binary runs itself again as the second
/// process, with only ``CacheChildProcess`` selected and its settings in the environment.
struct CacheProcessTests {
    let blob = testBlob(1_000_000, seed: 71)

    @Test func twoProcessesMakeOneTransfer() async throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        let gate = Mutex(false)
        server.route("/blob") { [blob] _ in
            // Hold the child's transfer until the parent's request waits for the key's lock.
            let deadline = ContinuousClock.now + .seconds(10)
            while !gate.withLock({ $0 }), ContinuousClock.now < deadline {
                usleep(2000)
            }
            return .ok(blob)
        }
        defer { gate.withLock { $0 = true } }
        try await withCacheFolder { folder in
            let child = try ChildProcess(cache: folder, url: server.url("/blob"))
            #expect(await waitUntil { server.requests(to: "/blob").count == 1 })
            let cache = try BlobCache(directory: folder)
            let reference = try await CombinedFetcher.standard.makeReference(
                from: .string(server.url("/blob")), context: cacheContext)
            let request = Task {
                try await cache.entry(for: reference, heldScopes: [], context: cacheContext)
            }
            try await Task.sleep(for: .milliseconds(100))
            gate.withLock { $0 = true }
            let entry = try await request.value
            defer { entry.close() }
            #expect(!entry.wasFetched, "the other process's transfer was used")
            #expect(try entry.bytes() == blob)
            let outcome = await child.finish()
            #expect(outcome.status == 0, "\(outcome.log)")
            #expect(outcome.result?["wasFetched"] == true)
            #expect(outcome.result?["sha256"] == .string(sha256Hex(blob)))
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func aProcessKilledMidWriteLeavesNothingServable() async throws {
        let server = try FaultServer()
        defer { server.shutdown() }
        server.route("/blob", .ok(blob).stalling(after: 600_000))
        try await withCacheFolder { folder in
            let child = try ChildProcess(cache: folder, url: server.url("/blob"))
            let cache = try BlobCache(directory: folder)
            let reference = try await CombinedFetcher.standard.makeReference(
                from: .string(server.url("/blob")), context: cacheContext)
            let prefix = entryName(forHashKey: reference.hashKey) + "."
            func stagedBytes() -> Int {
                let staging = temporaryNames(in: folder).first {
                    $0.hasPrefix(prefix) && $0.hasSuffix(".new")
                }
                let path = staging.map { "\(folder)/tmp/\($0)/blob" } ?? "/nonexistent"
                let size = try? FileManager.default.attributesOfItem(atPath: path)[.size]
                return (size as? Int) ?? -1
            }
            #expect(
                await waitUntil {
                    server.bodyBytesSent(to: "/blob") == 600_000 && stagedBytes() > 0
                }, "the child is writing its entry")
            child.kill()
            let outcome = await child.finish()
            #expect(!outcome.exited)
            #expect(
                try await cache.cachedEntry(forHashKey: reference.hashKey, heldScopes: []) == nil)
            #expect(try cache.entries().isEmpty)
            #expect(temporaryNames(in: folder).count == 1, "the dead writer's leftovers")
            server.route("/blob", .ok(blob))
            let entry = try await cache.entry(
                for: reference, heldScopes: [], context: cacheContext)
            defer { entry.close() }
            #expect(entry.wasFetched)
            #expect(try entry.bytes() == blob)
            #expect(server.requests(to: "/blob").count == 2)
            #expect(temporaryNames(in: folder).isEmpty)
        }
    }
}

/// The child side of ``CacheProcessTests``: enabled only in a process they start.
struct CacheChildProcess {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment[ChildProcess.cacheVariable] != nil))
    func fetchIntoTheSharedCache() async throws {
        let folder = try #require(Self.environment[ChildProcess.cacheVariable])
        let url = try #require(Self.environment[ChildProcess.urlVariable])
        let resultPath = try #require(Self.environment[ChildProcess.resultVariable])
        let cache = try BlobCache(directory: folder)
        let reference = try await CombinedFetcher.standard.makeReference(
            from: .string(url), context: cacheContext)
        let entry = try await cache.entry(for: reference, heldScopes: [], context: cacheContext)
        defer { entry.close() }
        let result: JSONValue = [
            "wasFetched": .bool(entry.wasFetched), "sha256": .string(sha256Hex(try entry.bytes())),
        ]
        try Data(result.serialized().utf8).write(to: URL(fileURLWithPath: resultPath))
    }
}

/// This test binary, run again with only ``CacheChildProcess`` selected.
final class ChildProcess: Sendable {
    static let cacheVariable = "FETCHER_CACHE_TEST_CHILD_FOLDER"
    static let urlVariable = "FETCHER_CACHE_TEST_CHILD_URL"
    static let resultVariable = "FETCHER_CACHE_TEST_CHILD_RESULT"

    /// How the child ended.
    struct Outcome {
        var status: Int32
        var exited: Bool
        var result: JSONValue?
        var log: String
    }

    private let process: Process
    private let scratch: String

    /// Starts the child, which fetches `url` into the cache in `cache`.
    init(cache: String, url: String) throws {
        scratch =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "fetcher-cache-child-\(UUID().uuidString)"
            ).path
        try FileManager.default.createDirectory(
            atPath: scratch, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.lowercased().hasSuffix("_proxy") && !$0.key.hasPrefix("SWT_")
        }
        environment["NO_PROXY"] = "127.0.0.1"
        environment[Self.cacheVariable] = cache
        environment[Self.urlVariable] = url
        environment[Self.resultVariable] = scratch + "/result.json"
        _ = FileManager.default.createFile(atPath: scratch + "/log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/log"))
        process = Process()
        process.executableURL = URL(
            fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(
                atPath: "/proc/self/exe"))
        process.arguments = ["--testing-library", "swift-testing", "--filter", "CacheChildProcess"]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
    }

    deinit {
        if process.isRunning {
            process.terminate()
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// Kills the child at once, without letting it clean up.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the child to end (10 s at most, then kills it).
    func finish() async -> Outcome {
        if !(await waitUntil { !process.isRunning }) {
            kill()
            _ = await waitUntil { !process.isRunning }
        }
        let result = (try? Data(contentsOf: URL(fileURLWithPath: scratch + "/result.json")))
            .flatMap { try? JSONValue(parsing: $0) }
        let log = (try? String(contentsOfFile: scratch + "/log", encoding: .utf8)) ?? ""
        return Outcome(
            status: process.terminationStatus, exited: process.terminationReason == .exit,
            result: result, log: log)
    }
}
