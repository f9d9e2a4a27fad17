import Fetcher
import FetcherTesting
import Foundation

/// Settings that retry at once, so fault tests take milliseconds.
let quickSettings = TransferSettings(
    retryPolicy: RetryPolicy(baseDelay: .milliseconds(1), maximumDelay: .milliseconds(5)),
    connectTimeout: .seconds(5),
    stallTimeout: .seconds(30)
)

/// A deterministic blob of `count` bytes.
func testBlob(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// The lower-case hex SHA-256 of `bytes`, from libcrypto.
func sha256Hex(_ bytes: [UInt8]) -> String {
    let digester = Digester(.sha256)
    digester.update(bytes)
    return Hex.encode(digester.finalize())
}

/// Makes the reference `options` with the default fetchers and fetches it into memory.
func fetchBytes(
    _ options: JSONValue,
    settings: TransferSettings = quickSettings,
    target: MemoryResetter = MemoryResetter(),
    progress: @escaping FetchContext.ProgressHandler = { _, _ in },
    progressInterval: Duration = .seconds(5)
) async throws -> [UInt8] {
    let context = FetchContext(
        transfer: settings, progressInterval: progressInterval, progress: progress)
    let fetcher = CombinedFetcher(URLFetcher(), URLHashFetcher())
    let reference = try await fetcher.makeReference(from: options, context: context)
    try await reference.fetch(into: target, context: context)
    return target.bytes
}
