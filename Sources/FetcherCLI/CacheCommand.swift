import Fetcher
import Foundation

/// `fetcher cache list`, `cache prune` and `cache clear`: the entries of a cache folder, as
/// text or JSON lines on standard output.
///
/// A folder that does not exist is an empty cache: it is not created.
struct CacheCommand {
    /// The parsed command line.
    var invocation: Invocation

    /// Runs the command.
    ///
    /// - Throws: ``CacheFolderError`` when the cache cannot be read or changed.
    func run() throws {
        guard case .run(let command) = invocation.action, let directory = invocation.cacheDirectory
        else {
            return
        }
        try CacheFolderError.wrapping(directory) {
            let cache =
                FileManager.default.fileExists(atPath: directory)
                ? try BlobCache(directory: directory) : nil
            switch command {
            case .cacheList:
                print(try cache?.entries() ?? [])
            case .cachePrune:
                print(try cache?.prune(toSize: invocation.cacheSizeLimit ?? .max) ?? [])
            case .cacheClear:
                let removed = try cache?.clear() ?? []
                let kept = try cache?.entries().count ?? 0
                printSummary(removed: removed, kept: kept)
            default:
                break
            }
        }
    }

    /// Prints one line per entry.
    private func print(_ entries: [CacheEntryInfo]) {
        let lines =
            invocation.json
            ? entries.map(CacheEntryLine.json)
            : CacheEntryLine.text(entries)
        StandardStream.output.write(lines.map { $0 + "\n" }.joined())
    }

    /// Prints how many entries `clear` removed, and how many in use it kept.
    private func printSummary(removed: [CacheEntryInfo], kept: Int) {
        let bytes = removed.reduce(0) { $0 + $1.size }
        if invocation.json {
            let line: JSONValue = [
                "removed": .integer(Int64(removed.count)), "bytes": .integer(bytes),
                "kept": .integer(Int64(kept)),
            ]
            StandardStream.output.write(line.serialized() + "\n")
            return
        }
        var text = "removed \(Self.count(removed.count, "entry", "entries"))"
        text += " (\(ProgressText.size(Double(bytes))))"
        if kept > 0 {
            text += "; kept \(Self.count(kept, "entry", "entries")) in use"
        }
        StandardStream.output.write(text + "\n")
    }

    /// `1 entry`, `2 entries`.
    private static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
