import Fetcher

/// A reference to an in-memory blob that writes it in uneven chunks, checking for cancellation
/// between chunks, and that may reset its target once midway.
public struct FakeReference: Reference {
    /// The blob's name.
    public let name: String

    /// The blob.
    public let blob: FakeFetcher.Blob

    /// The chunk sizes written in turn: small, odd and large, to exercise buffering.
    public static let chunkSizes = [1, 7, 64, 1000, 3, 4096]

    /// Creates a reference.
    ///
    /// - Parameters:
    ///   - name: The blob's name.
    ///   - blob: The blob.
    public init(name: String, blob: FakeFetcher.Blob) {
        self.name = name
        self.blob = blob
    }

    /// `fake:<name>`.
    public var hashKey: String {
        "fake:\(name)"
    }

    /// The blob's scope sets.
    public var scopes: [[String]] {
        blob.scopes
    }

    /// Writes the blob into `target` in uneven chunks, reporting progress after each.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Receives the progress reports.
    /// - Throws: `CancellationError` when the task is cancelled, ``BrokenReferenceError`` for a
    ///   blob that fails, or the target's error.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        let progress = context.progressReporter(for: "fake blob \(name)")
        defer { progress.close() }
        progress.start()
        if blob.resetsOnce {
            try await write(blob.bytes.prefix(blob.bytes.count / 2), into: target)
            try target.reset()
        }
        if let failsAfter = blob.failsAfter {
            try await write(blob.bytes.prefix(failsAfter), into: target)
            throw BrokenReferenceError(
                subject: "fake blob \(name)", reason: "it fails after \(failsAfter) bytes")
        }
        try await write(blob.bytes[...], into: target, progress: progress)
        progress.finish()
    }

    private func write(
        _ bytes: ArraySlice<UInt8>,
        into target: any WriteResetter,
        progress: ProgressReporter? = nil
    ) async throws {
        var offset = bytes.startIndex
        var turn = 0
        while offset < bytes.endIndex {
            try Task.checkCancellation()
            let size = Self.chunkSizes[turn % Self.chunkSizes.count]
            let end = min(offset + size, bytes.endIndex)
            try bytes[offset..<end].withUnsafeBytes { try target.write($0) }
            progress?.update(completed: Int64(end), total: Int64(bytes.count))
            offset = end
            turn += 1
            await Task.yield()
        }
    }
}
