import Fetcher
import FetcherTesting
import Synchronization
import Testing

/// The fakes used through the public API, as a consumer of references would.
struct FakeReferenceTests {
    static let blob = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }

    let fetcher = FakeFetcher(blobs: [
        "plain": .init(blob),
        "resetting": .init(blob, resetsOnce: true),
        "private": .init(Array("secret".utf8), scopes: [["queue:get-artifact:private/x"]]),
    ])

    @Test(arguments: ["plain", "resetting"])
    func fetchGivesTheExactBlob(name: String) async throws {
        let reference = try await fetcher.makeReference(
            from: ["fake": .string(name)], context: FetchContext())
        let target = MemoryResetter()
        try await reference.fetch(into: target, context: FetchContext())
        #expect(target.bytes == Self.blob)
        #expect(reference.hashKey == "fake:\(name)")
        #expect(reference.scopes == [[]])
    }

    @Test func progressStartsAtZeroEndsAtOneAndNeverGoesBack() async throws {
        let reports = Mutex<[Double]>([])
        let context = FetchContext(progressInterval: .zero) { _, fraction in
            reports.withLock { $0.append(fraction) }
        }
        let reference = try await fetcher.makeReference(
            from: ["fake": "resetting"], context: context)
        try await reference.fetch(into: MemoryResetter(), context: context)
        let seen = reports.withLock { $0 }
        #expect(seen.first == 0)
        #expect(seen.last == 1)
        #expect(seen.count > 3)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func scopesComeFromTheBlob() async throws {
        let reference = try await fetcher.makeReference(
            from: ["fake": "private"], context: FetchContext())
        #expect(reference.scopes == [["queue:get-artifact:private/x"]])
    }

    @Test func aMissingBlobIsABrokenReference() async throws {
        await #expect {
            _ = try await fetcher.makeReference(from: ["fake": "missing"], context: FetchContext())
        } throws: { error in
            isBrokenReference(error)
                && "\(error)" == "failed to fetch fake blob missing, no such blob"
        }
    }

    @Test func optionsOutsideTheSchemaAreRefusedWithTheirPath() async throws {
        await #expect {
            _ = try await fetcher.makeReference(from: ["fake": 5], context: FetchContext())
        } throws: { error in
            guard let error = error as? SchemaValidationError else { return false }
            return error.violations.map(\.description) == [
                "/fake: expected a string, got an integer"
            ]
        }
    }

    @Test func cancellingTheTaskStopsTheFetch() async throws {
        let big = FakeFetcher(blobs: ["big": .init(Array(repeating: 1, count: 50_000_000))])
        let reference = try await big.makeReference(from: ["fake": "big"], context: FetchContext())
        let target = MemoryResetter()
        let task = Task { try await reference.fetch(into: target, context: FetchContext()) }
        while target.bytes.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(target.bytes.count < 50_000_000)
    }
}
