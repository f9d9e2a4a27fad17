import Fetcher
import FetcherTesting
import Testing

/// Many fetches against randomly chosen faults: every fetch that completes must be byte-exact
/// and every one that does not must throw, leaving its target empty.
struct RandomFaultTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// Random bytes shared by every case, cut into blobs cheaply.
    static let source = testBlob(200_000, seed: 99)

    static func slice(_ count: Int, using random: inout Generator) -> [UInt8] {
        let start = Int.random(in: 0...(source.count - count), using: &random)
        return Array(source[start..<start + count])
    }

    static func fault(for blob: [UInt8], etag: String, using random: inout Generator)
        -> ServerResponse
    {
        let answer = ServerResponse.ok(blob, etag: etag)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return .status([500, 502, 503, 408].randomElement(using: &random)!, body: "busy")
        case 1: return answer.framed(.declaredLength(blob.count + 100))
        case 2:
            var ignoring = answer
            ignoring.acceptsRanges = false
            return ignoring.dropping(after: Int.random(in: 0..<blob.count, using: &random))
        case 3:
            return answer.framed(.chunked(chunkSize: 1000)).dropping(
                after: Int.random(in: 0..<blob.count, using: &random))
        case 4: return .hangUp
        case 5: return .status(404, body: "gone")
        default: return answer.dropping(after: Int.random(in: 0..<blob.count, using: &random))
        }
    }

    @Test func twoHundredFetchesAreExactOrReported() async throws {
        var random = Generator(state: 20_261_203)
        let server = try FaultServer()
        var cases: [(path: String, responses: [ServerResponse], blobs: [[UInt8]], hashed: Bool)] =
            []
        for index in 0..<200 {
            let versions = [
                Self.slice(Int.random(in: 1..<80_000, using: &random), using: &random),
                Self.slice(Int.random(in: 1..<80_000, using: &random), using: &random),
            ]
            var responses: [ServerResponse] = []
            var blobs: [[UInt8]] = []
            for _ in 0..<Int.random(in: 0..<6, using: &random) {
                let version = Int.random(in: 0..<4, using: &random) == 0 ? 1 : 0
                responses.append(
                    Self.fault(for: versions[version], etag: "\"v\(version)\"", using: &random))
                blobs.append(versions[version])
            }
            let final = blobs.last ?? versions[0]
            responses.append(.ok(final, etag: final == versions[0] ? "\"v0\"" : "\"v1\""))
            blobs.append(final)
            cases.append(("/blob\(index)", responses, blobs, Bool.random(using: &random)))
        }
        for entry in cases {
            server.route(entry.path, entry.responses)
        }
        var retrying = quickSettings
        retrying.retryPolicy.maximumRetries = 4
        let settings = retrying
        var completed = 0
        var failed = 0
        try await withThrowingTaskGroup(of: (Int, Result<[UInt8], any Error>, MemoryResetter).self)
        { group in
            for (index, entry) in cases.enumerated() {
                if index >= 8 {
                    let (done, result, target) = try await group.next()!
                    try check(
                        cases[done], result, target, server: server, completed: &completed,
                        failed: &failed)
                }
                group.addTask {
                    let url = server.url(entry.path)
                    let target = MemoryResetter()
                    let options: JSONValue =
                        entry.hashed
                        ? ["url": .string(url), "sha256": .string(sha256Hex(entry.blobs.last!))]
                        : .string(url)
                    do {
                        return (
                            index,
                            .success(
                                try await fetchBytes(options, settings: settings, target: target)),
                            target
                        )
                    } catch {
                        return (index, .failure(error), target)
                    }
                }
            }
            for try await (done, result, target) in group {
                try check(
                    cases[done], result, target, server: server, completed: &completed,
                    failed: &failed)
            }
        }
        #expect(completed + failed == 200)
        #expect(completed > 100)
        #expect(failed > 0)
    }

    private func check(
        _ entry: (path: String, responses: [ServerResponse], blobs: [[UInt8]], hashed: Bool),
        _ result: Result<[UInt8], any Error>,
        _ target: MemoryResetter,
        server: FaultServer,
        completed: inout Int,
        failed: inout Int
    ) throws {
        let requests = server.requests(to: entry.path).count
        switch result {
        case .success(let bytes):
            let served = entry.blobs[min(requests, entry.blobs.count) - 1]
            #expect(bytes == served, "\(entry.path) after \(requests) requests")
            completed += 1
        case .failure(let error):
            #expect(
                error is TransferError || error is BrokenReferenceError, "\(entry.path): \(error)")
            #expect(target.bytes.isEmpty, "\(entry.path) left \(target.bytes.count) bytes")
            failed += 1
        }
    }
}
