import Fetcher
import Foundation

/// Many URLs fetched at once into files, as `curl --parallel` does: one process, one
/// transfer loop, a task per URL.
enum ParallelCase {
    static func run(folder: String, urls: [String]) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let context = FetchContext()
        let bytes = try await withThrowingTaskGroup(of: Int64.self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask {
                    let path = "\(folder)/\(index)"
                    let target = try FileResetter(creatingFileAt: path)
                    try await URLReference(url: url).fetch(into: target, context: context)
                    return Int64(
                        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - started
        let report: JSONValue = [
            "fetches": .integer(Int64(urls.count)),
            "bytes": .integer(bytes),
            "seconds": .number(
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18),
            "peakRSSKiB": .integer(FetcherBenchmark.peakResidentKiB),
        ]
        print(report.serialized())
    }
}
