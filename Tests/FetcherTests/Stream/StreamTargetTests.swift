import Testing

@testable import Fetcher

struct StreamTargetTests {
    @Test func aReaderCancelledByTheResetIsToldOfTheReset() async throws {
        let target = StreamTarget()
        let generation = target.currentGeneration
        try target.reset()
        // The reset cancels the handler's task; whichever the reader sees first, the reset is
        // what it reports.
        let reader = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await target.read(generation)
        }
        await #expect(throws: StreamResetError.self) { _ = try await reader.value }
    }

    @Test func aCancelledReaderOfTheCurrentStreamIsCancelled() async throws {
        let target = StreamTarget()
        let generation = target.currentGeneration
        try Array("bytes".utf8).withUnsafeBytes { try target.write($0) }
        let reader = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await target.read(generation)
        }
        await #expect(throws: CancellationError.self) { _ = try await reader.value }
    }
}
