import Fetcher
import FetcherTesting
import Foundation
import Synchronization
import Testing

/// A new empty cache folder for one test, removed at the end of `body`.
func withCacheFolder<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fetcher-cache-test-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try await body(folder)
}

/// Polls `condition` every 5 ms until it holds, at most 2000 times (10 s or more).
///
/// The limit counts polls, not time, so a test process starved of threads by other tests
/// does not run out of time while nothing of it runs.
///
/// - Returns: Whether it held in time.
func waitUntil(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<2000 {
        if condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// A gate that fetches wait at until the test opens it.
final class Gate: Sendable {
    private let isOpen = Mutex(false)

    func open() {
        isOpen.withLock { $0 = true }
    }

    /// Waits until the gate is open.
    func pass() async throws {
        while !isOpen.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

/// A reference that wraps another and counts its fetches, optionally pausing before each.
struct CountingReference: Reference {
    let base: any Reference
    let pause: Duration?
    let gate: Gate?
    private let counter = Counter()

    init(_ base: any Reference, pause: Duration? = nil, gate: Gate? = nil) {
        self.base = base
        self.pause = pause
        self.gate = gate
    }

    /// How many fetches have started.
    var fetchCount: Int { counter.value }

    var hashKey: String { base.hashKey }

    var scopes: [[String]] { base.scopes }

    func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        counter.increment()
        if let pause {
            try await Task.sleep(for: pause)
        }
        try await gate?.pass()
        try await base.fetch(into: target, context: context)
    }
}

/// A counter shared between tasks.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func increment() {
        count.withLock { $0 += 1 }
    }
}

/// A reference to a fake blob named `name`.
func fakeReference(
    _ name: String, _ bytes: [UInt8], scopes: [[String]] = [[]], pause: Duration? = nil,
    gate: Gate? = nil
) -> CountingReference {
    CountingReference(
        FakeReference(name: name, blob: FakeFetcher.Blob(bytes, scopes: scopes)), pause: pause,
        gate: gate)
}

/// A context for cache tests: quick retries, no Taskcluster.
let cacheContext = FetchContext(transfer: quickSettings)

/// The bytes of the cache entry for `reference`, fetched if needed.
func cachedBytes(
    _ cache: BlobCache, _ reference: any Reference, heldScopes: [String] = []
) async throws -> [UInt8] {
    let entry = try await cache.entry(for: reference, heldScopes: heldScopes, context: cacheContext)
    defer { entry.close() }
    return try entry.bytes()
}

/// The entry names under `<cache>/entries`, sorted.
func entryNames(in cache: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/entries")) ?? []).sorted()
}

/// The names under `<cache>/tmp`, sorted.
func temporaryNames(in cache: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/tmp")) ?? []).sorted()
}

/// The name the cache stores a key under.
func entryName(forHashKey hashKey: String) -> String {
    sha256Hex(Array(hashKey.utf8))
}

/// The blob file of the entry for `hashKey`.
func blobPath(in cache: String, hashKey: String) -> String {
    "\(cache)/entries/\(entryName(forHashKey: hashKey))/blob"
}

/// Changes one byte of a file in place, then puts its modification time back as it was, so
/// only the content differs.
func flipByte(at offset: Int, of path: String, keepingModificationTime: Bool = true) throws {
    let descriptor = open(path, O_RDWR)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var status = stat()
    fstat(descriptor, &status)
    var byte: UInt8 = 0
    #expect(pread(descriptor, &byte, 1, off_t(offset)) == 1)
    byte ^= 0x20
    #expect(pwrite(descriptor, &byte, 1, off_t(offset)) == 1)
    if keepingModificationTime {
        var times = [status.st_atim, status.st_mtim]
        #expect(futimens(descriptor, &times) == 0)
    }
}

/// Holds the `flock` of a cache key through a file description of its own, as another
/// process would.
final class ForeignKeyLock {
    private let descriptor: Int32

    init(cache: String, hashKey: String) throws {
        let path = "\(cache)/locks/\(entryName(forHashKey: hashKey)).lock"
        descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    }

    /// Drops the lock, as the kernel does when its holder dies.
    func release() {
        close(descriptor)
    }
}
