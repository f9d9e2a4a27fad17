import Fetcher
import Foundation
import Synchronization

/// A blob streamed through a handler that consumes it at a fixed rate: how far the transfer
/// got ahead of the handler, and the peak memory.
enum StreamCase {
    static func run(url: String, size: Int64, rate: Double) async throws {
        let consumed = Atomic<Int64>(0)
        let furthestAhead = Atomic<Int64>(0)
        // Progress reports every block; the fraction of the known size gives the bytes
        // received so far.
        let context = FetchContext(progressInterval: .zero) { _, fraction in
            let received = Int64(fraction * Double(size))
            furthestAhead.raise(to: received - consumed.load(ordering: .relaxed))
        }
        let clock = ContinuousClock()
        let started = clock.now
        try await URLReference(url: url).fetchAsStream(context: context) { stream in
            var count: Int64 = 0
            for try await chunk in stream {
                count += Int64(chunk.count)
                consumed.store(count, ordering: .relaxed)
                let due = started + .nanoseconds(Int64(Double(count) / (rate * 1e6) * 1e9))
                if due > clock.now {
                    try await Task.sleep(until: due, clock: clock)
                }
            }
        }
        let elapsed = clock.now - started
        let report: JSONValue = [
            "bytes": .integer(consumed.load(ordering: .relaxed)),
            "seconds": .number(
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18),
            "rateLimitMBps": .number(rate),
            "furthestAheadBytes": .integer(furthestAhead.load(ordering: .relaxed)),
            "peakRSSKiB": .integer(FetcherBenchmark.peakResidentKiB),
        ]
        print(report.serialized())
    }
}

extension Atomic where Value == Int64 {
    /// Raises the value to `candidate` if it is larger.
    func raise(to candidate: Int64) {
        var current = load(ordering: .relaxed)
        while candidate > current {
            let (exchanged, original) = compareExchange(
                expected: current, desired: candidate, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
