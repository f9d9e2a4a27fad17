import Fetcher
import FetcherTesting
import Foundation
import Testing

/// A server with two blobs of 1000 and 20000 bytes, fetched into a cache folder so that the
/// small one is the most recently used.
private struct FilledCache {
    let server: FaultServer
    let folder: String
    let small = testBlob(1_000, seed: 41)
    let large = testBlob(20_000, seed: 42)

    init(folder: String) async throws {
        server = try FaultServer()
        self.folder = folder
        server.route("/small", .ok(small))
        server.route("/large", .ok(large))
        for path in ["/small", "/large", "/small"] {
            let result = try await FetcherProcess.run(
                ["fetch", server.url(path), "--cache", folder, "-q"])
            try #require(result.status == 0)
        }
        try #require(server.requests.count == 2)
    }

    /// The end of the line `cache list` prints for a blob: size (aligned to five digits),
    /// SHA-256 and hash key.
    func lineEnd(_ path: String, _ blob: [UInt8]) -> String {
        let size = String(blob.count)
        let padding = String(repeating: " ", count: 5 - size.count)
        return "  \(padding)\(size)  \(sha256Hex(blob))  0:\(server.url(path))"
    }

    /// Runs a cache command on the folder.
    func run(_ arguments: [String]) async throws -> FetcherResult {
        try await FetcherProcess.run(["cache"] + arguments + ["--cache", folder])
    }
}

struct CommandLineCacheCommandTests {
    @Test func listShowsTheEntriesMostRecentlyUsedFirst() async throws {
        try await withTemporaryFolder { folder in
            let cache = try await FilledCache(folder: folder.path)
            let result = try await cache.run(["list"])
            #expect(result.status == 0)
            #expect(result.error == "")
            let lines = result.outputText.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            let ends = [cache.lineEnd("/small", cache.small), cache.lineEnd("/large", cache.large)]
            for (line, end) in zip(lines, ends) {
                #expect(line.hasSuffix(end))
                let lastUsed = try Date(String(line.prefix { $0 != " " }), strategy: .iso8601)
                #expect(abs(lastUsed.timeIntervalSinceNow) < 120)
            }
        }
    }

    @Test func listAsJSONLinesDescribesEachEntry() async throws {
        try await withTemporaryFolder { folder in
            let cache = try await FilledCache(folder: folder.path)
            let result = try await cache.run(["list", "--json"])
            #expect(result.status == 0)
            let entries = try result.outputText.split(separator: "\n").map {
                try JSONValue(parsing: String($0))
            }
            #expect(
                entries.map { $0["hashKey"]?.stringValue } == [
                    "0:\(cache.server.url("/small"))", "0:\(cache.server.url("/large"))",
                ])
            #expect(entries.map { $0["size"]?.integerValue } == [1_000, 20_000])
            #expect(
                entries.map { $0["sha256"]?.stringValue } == [
                    sha256Hex(cache.small), sha256Hex(cache.large),
                ])
            #expect(entries.allSatisfy { $0["scopes"] == [[]] })
            #expect(entries.allSatisfy { $0["lastUsed"]?.stringValue != nil })
            let path = try #require(entries.first?["path"]?.stringValue)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(cache.small))
        }
    }

    @Test func pruneRemovesTheLeastRecentlyUsedEntriesDownToTheSize() async throws {
        try await withTemporaryFolder { folder in
            let cache = try await FilledCache(folder: folder.path)
            let unchanged = try await cache.run(["prune", "--max-size", "21000"])
            #expect(unchanged.status == 0)
            #expect(unchanged.output.isEmpty)
            // 20 KiB holds the small blob only: the large one, used longer ago, goes.
            let pruned = try await cache.run(["prune", "--max-size", "20K"])
            #expect(pruned.status == 0)
            #expect(pruned.error == "")
            #expect(pruned.outputText.hasSuffix(cache.lineEnd("/large", cache.large) + "\n"))
            #expect(pruned.outputText.filter { $0 == "\n" }.count == 1)
            let emptied = try await cache.run(["prune", "--max-size", "0", "--json"])
            #expect(emptied.status == 0)
            let removed = try JSONValue(parsing: emptied.outputText)
            #expect(removed["hashKey"] == .string("0:\(cache.server.url("/small"))"))
            let list = try await cache.run(["list"])
            #expect(list.status == 0)
            #expect(list.output.isEmpty)
            #expect(contents(of: folder.appendingPathComponent("entries")).isEmpty)
        }
    }

    @Test func clearRemovesEveryEntryButThoseInUse() async throws {
        try await withTemporaryFolder { folder in
            let cache = try await FilledCache(folder: folder.path)
            let library = try BlobCache(directory: folder.path)
            let open = try #require(
                try await library.cachedEntry(
                    forHashKey: "0:\(cache.server.url("/small"))", heldScopes: []))
            let kept = try await cache.run(["clear"])
            #expect(kept.status == 0)
            #expect(kept.error == "")
            #expect(kept.outputText == "removed 1 entry (19.5 KiB); kept 1 entry in use\n")
            open.close()
            let cleared = try await cache.run(["clear", "--json"])
            #expect(cleared.status == 0)
            #expect(
                try JSONValue(parsing: cleared.outputText) == [
                    "removed": 1, "bytes": 1_000, "kept": 0,
                ])
            let again = try await cache.run(["clear"])
            #expect(again.outputText == "removed 0 entries (0 B)\n")
            #expect(try await cache.run(["list"]).output.isEmpty)
        }
    }

    @Test func aCacheFolderThatDoesNotExistIsEmptyAndNotCreated() async throws {
        try await withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("missing").path
            for arguments in [["list"], ["prune", "--max-size", "0"]] {
                let result = try await FetcherProcess.run(
                    ["cache"] + arguments + ["--cache", missing])
                #expect(result.status == 0)
                #expect(result.output.isEmpty)
                #expect(result.error == "")
            }
            #expect(contents(of: folder).isEmpty)
        }
    }

    @Test func aCacheFolderThatIsAFileFailsWithCodeOne() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("file")
            try Data("not a folder".utf8).write(to: file)
            let result = try await FetcherProcess.run(["cache", "list", "--cache", file.path])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error.hasPrefix("fetcher: cannot use the cache folder \(file.path): "))
        }
    }

    @Test(arguments: [
        "12X", "-1", "", "1.5G", "K", " 1", "0x10", "+5", "1 K", "8388608T",
        "99999999999999999999",
    ])
    func aBadMaximumSizeIsAUsageError(value: String) async throws {
        let result = try await FetcherProcess.run(
            ["cache", "prune", "--cache", "/nonexistent/cache", "--max-size", value])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: option --max-size needs a number of bytes, optionally followed by "
                + "K, M, G or T for powers of 1024, not '\(value)'\n"
                + "Run 'fetcher --help' for usage.\n")
    }

    @Test(arguments: [
        (["cache"], "'cache' needs an action: list, prune or clear"),
        (["cache", "show"], "unknown action 'show' of 'cache': list, prune or clear"),
        (["cache list"], "unknown command 'cache list'"),
        (
            ["cache", "list"],
            "'cache list' needs the cache folder: give --cache DIR or set "
                + "FETCHER_CACHE"
        ),
        (["cache", "prune", "--cache", "d"], "'cache prune' needs --max-size SIZE"),
        (["cache", "list", "--cache", "d", "x"], "unexpected argument 'x'"),
        (["cache", "list", "--cache", "d", "-o", "f"], "option -o does not apply to 'cache list'"),
        (
            ["cache", "clear", "--cache", "d", "--max-size", "1"],
            "option --max-size does not apply to 'cache clear'"
        ),
        (["fetch", "x", "--json"], "option --json does not apply to 'fetch'"),
        (
            ["fetch", "x", "--scopes", "a"],
            "option --scopes needs a cache: give --cache DIR or "
                + "set FETCHER_CACHE"
        ),
        (
            ["fetch", "x", "--max-size", "1"],
            "option --max-size needs a cache: give --cache "
                + "DIR or set FETCHER_CACHE"
        ),
        (["fetch", "x", "--cache", ""], "option --cache needs a folder, not ''"),
        (
            ["fetch", "x", "--cache", "d", "--cache-verify", "never"],
            "option --cache-verify needs always or changed, not 'never'"
        ),
        (
            ["fetch", "x", "--cache", "d", "--scopes", #"["a", 1]"#],
            #"option --scopes needs a scope or a JSON array of scopes (strings), not '["a", 1]'"#
        ),
    ])
    func cacheMistakesAreUsageErrors(arguments: [String], message: String) async throws {
        let result = try await FetcherProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error == "fetcher: \(message)\nRun 'fetcher --help' for usage.\n")
    }
}
