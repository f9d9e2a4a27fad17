import Foundation

/// Benchmark cases that need the library itself rather than the command-line tool; each
/// prints one JSON line of figures.
///
/// Usage:
///   `FetcherBenchmark stream URL SIZE_BYTES [MB_PER_SECOND]`
///   `FetcherBenchmark parallel OUTPUT_FOLDER URL...`
@main
struct FetcherBenchmark {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "stream" where arguments.count >= 3:
            try await StreamCase.run(
                url: arguments[1], size: Int64(arguments[2]) ?? 0,
                rate: arguments.count > 3 ? Double(arguments[3]) ?? 50 : 50)
        case "parallel" where arguments.count >= 3:
            try await ParallelCase.run(folder: arguments[1], urls: Array(arguments.dropFirst(2)))
        default:
            FileHandle.standardError.write(
                Data(
                    """
                    usage: FetcherBenchmark stream URL SIZE_BYTES [MB_PER_SECOND]
                           FetcherBenchmark parallel OUTPUT_FOLDER URL...

                    """.utf8))
            exit(2)
        }
    }

    /// The process's peak resident memory so far, in KiB.
    static var peakResidentKiB: Int64 {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int64(usage.ru_maxrss)
    }
}
