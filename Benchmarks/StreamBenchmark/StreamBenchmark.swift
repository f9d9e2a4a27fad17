import Fetcher
import Foundation
import Synchronization

/// Streams a URL through a handler that consumes at a fixed rate, and reports how far the
/// transfer got ahead of the handler and the process's peak memory, as one JSON line.
///
/// Usage: `SIZE_BYTES=<size> StreamBenchmark URL [MEGABYTES_PER_SECOND]`
@main
struct StreamBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: StreamBenchmark URL [MB/s]\n".utf8))
            exit(2)
        }
        let rate = (arguments.count > 2 ? Double(arguments[2]) : nil) ?? 50
        let received = Atomic<Int64>(0)
        let consumed = Atomic<Int64>(0)
        let furthestAhead = Atomic<Int64>(0)
        let total = Atomic<Int64>(0)
        let context = FetchContext(progressInterval: .zero) { _, fraction in
            let bytes = Int64(fraction * Double(total.load(ordering: .relaxed)))
            received.store(bytes, ordering: .relaxed)
            let ahead = bytes - consumed.load(ordering: .relaxed)
            furthestAhead.max(ahead)
        }
        // The blob's size, to turn progress fractions back into bytes.
        guard let text = ProcessInfo.processInfo.environment["SIZE_BYTES"], let size = Int64(text)
        else {
            FileHandle.standardError.write(
                Data("StreamBenchmark: set SIZE_BYTES to the blob's size\n".utf8))
            exit(2)
        }
        total.store(size, ordering: .relaxed)
        let clock = ContinuousClock()
        let started = clock.now
        try await URLReference(url: arguments[1]).fetchAsStream(context: context) { stream in
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
        let seconds = (clock.now - started).components
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let report: JSONValue = [
            "bytes": .integer(consumed.load(ordering: .relaxed)),
            "seconds": .number(Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18),
            "rateLimitMBps": .number(rate),
            "furthestAheadBytes": .integer(furthestAhead.load(ordering: .relaxed)),
            "peakRSSKiB": .integer(Int64(usage.ru_maxrss)),
        ]
        print(report.serialized())
    }
}

extension Atomic where Value == Int64 {
    /// Raises the value to `candidate` if it is larger.
    func max(_ candidate: Int64) {
        var current = load(ordering: .relaxed)
        while candidate > current {
            let (exchanged, original) = compareExchange(
                expected: current, desired: candidate, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
