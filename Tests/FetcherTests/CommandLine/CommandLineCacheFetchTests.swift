import Fetcher
import FetcherTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fetcher fetch --cache`: one transfer per key, exact bytes, scopes checked before anything.
struct CommandLineCacheFetchTests {
    @Test func aSecondFetchIsServedFromTheCacheWithoutARequest() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(200_000, seed: 31)
            server.route("/blob", .ok(blob))
            let cache = folder.appendingPathComponent("cache").path
            let output = folder.appendingPathComponent("output")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            let file = output.appendingPathComponent("blob.bin")
            let first = try await FetcherProcess.run(
                ["fetch", server.url("/blob"), "--cache", cache, "-o", file.path, "-q"])
            #expect(first.status == 0)
            #expect(first.error == "")
            #expect(try Data(contentsOf: file) == Data(blob))
            try Data("the previous blob".utf8).write(to: file)
            let second = try await FetcherProcess.run(
                ["fetch", server.url("/blob"), "--cache", cache, "-o", file.path, "-q"])
            #expect(second.status == 0)
            #expect(second.error == "")
            #expect(try Data(contentsOf: file) == Data(blob))
            #expect(contents(of: output) == ["blob.bin"])
            let third = try await FetcherProcess.run(
                ["fetch", "--cache=\(cache)", "-q", server.url("/blob")])
            #expect(third.status == 0)
            #expect(third.output == blob)
            #expect(third.error == "")
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func twoProcessesFetchingOneKeyAtOnceMakeOneRequest() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(300_000, seed: 32)
            // The first process holds the key's lock for as long as the answer is delayed, so
            // the second one, started meanwhile, finds no entry and has to wait for it.
            var slow = ServerResponse.ok(blob)
            slow.delay = .milliseconds(800)
            server.route("/blob", slow)
            let arguments = [
                "fetch", server.url("/blob"), "--cache", folder.appendingPathComponent("c").path,
                "-q",
            ]
            let first = try FetcherProcess(arguments)
            #expect(await eventually { server.requests(to: "/blob").count == 1 })
            let second = try FetcherProcess(arguments)
            let results = [await first.result(), await second.result()]
            for result in results {
                #expect(result.status == 0)
                #expect(result.output == blob)
                #expect(result.error == "")
            }
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func aCachedPrivateArtifactIsRefusedToACallerWithoutScopes() async throws {
        try await withTemporaryFolder { folder in
            let emulator = try TaskclusterEmulator()
            let taskId = TaskclusterEmulator.makeTaskId()
            let blob = testBlob(5_000, seed: 33)
            emulator.addArtifact(
                taskId: taskId, runId: 0, name: "private/key.bin", content: .object(blob))
            emulator.addClient(
                id: "project/ci", accessToken: "secret", scopes: ["queue:get-artifact:private/*"])
            let reference = #"{"taskId": "\#(taskId)", "runId": 0, "artifact": "private/key.bin"}"#
            let cache = folder.appendingPathComponent("cache").path
            let common = [
                "fetch", reference, "--root-url", emulator.rootURL, "--cache", cache, "-q",
            ]
            let credentials = [
                "TASKCLUSTER_CLIENT_ID": "project/ci", "TASKCLUSTER_ACCESS_TOKEN": "secret",
            ]
            let cached = try await FetcherProcess.run(
                common + ["--scopes", "queue:get-artifact:*"], environment: credentials)
            #expect(cached.status == 0)
            #expect(cached.output == blob)
            #expect(cached.error == "")
            let requests = emulator.requests.count
            #expect(requests > 0)

            let file = folder.appendingPathComponent("key.bin")
            let refused = try await FetcherProcess.run(common + ["-o", file.path])
            #expect(refused.status == 4)
            #expect(refused.output.isEmpty)
            #expect(
                refused.error
                    == "fetcher: access denied to 2:\(taskId)/0/private/key.bin through the "
                    + "cache without scopes (give the caller's with --scopes): it needs all "
                    + "scopes of one of these sets:\n    - queue:get-artifact:private/key.bin\n")
            #expect(!FileManager.default.fileExists(atPath: file.path))
            // Credentials do not stand in for the caller's scopes.
            let refusedAgain = try await FetcherProcess.run(
                common + ["--scopes", "queue:get-artifact:public/*"], environment: credentials)
            #expect(refusedAgain.status == 4)
            #expect(refusedAgain.output.isEmpty)
            #expect(refusedAgain.error.contains("with the scopes given by --scopes"))
            #expect(emulator.requests.count == requests)

            // Scopes given as a JSON array serve it from the cache, without credentials.
            let served = try await FetcherProcess.run(
                common + ["--scopes", #"["queue:get-artifact:private/*", "other"]"#])
            #expect(served.status == 0)
            #expect(served.output == blob)
            #expect(emulator.requests.count == requests)
        }
    }

    @Test func aBlobFromTheCacheReportsTheProgressOfItsCopy() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(100_000, seed: 34)
            server.route("/blob", .ok(blob))
            let arguments = [
                "fetch", server.url("/blob"), "--cache", folder.path, "--progress", "json",
                "--progress-interval", "0",
            ]
            let miss = try await FetcherProcess.run(arguments)
            let hit = try await FetcherProcess.run(arguments)
            for (result, description) in [
                (miss, server.url("/blob")), (hit, "0:\(server.url("/blob")) from the cache"),
            ] {
                #expect(result.status == 0)
                #expect(result.output == blob)
                let reports = try result.error.split(separator: "\n").map {
                    try JSONValue(parsing: String($0))
                }
                let fractions = reports.compactMap { $0["fraction"]?.numberValue }
                #expect(fractions.first == 0)
                #expect(fractions.last == 1)
                #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(reports.allSatisfy { $0["description"] == .string(description) })
                #expect(reports.last?["bytes"] == .integer(Int64(blob.count)))
            }
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func theCacheFolderMayComeFromTheEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(1_000, seed: 35)
            server.route("/blob", .ok(blob))
            let environment = ["FETCHER_CACHE": folder.path]
            for _ in 0..<2 {
                let result = try await FetcherProcess.run(
                    ["fetch", server.url("/blob"), "-q"], environment: environment)
                #expect(result.status == 0)
                #expect(result.output == blob)
            }
            #expect(server.requests(to: "/blob").count == 1)
            let list = try await FetcherProcess.run(["cache", "list"], environment: environment)
            #expect(list.status == 0)
            #expect(list.outputText.hasSuffix("  0:\(server.url("/blob"))\n"))
        }
    }

    @Test func aSizeLimitEvictsTheOlderEntriesAfterANewOne() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let old = testBlob(30_000, seed: 37)
            let new = testBlob(20_000, seed: 38)
            server.route("/old", .ok(old))
            server.route("/new", .ok(new))
            let cache = ["--cache", folder.path, "-q"]
            let first = try await FetcherProcess.run(["fetch", server.url("/old")] + cache)
            #expect(first.output == old)
            // 50000 bytes do not fit in 40 KiB: the entry used longer ago goes.
            let second = try await FetcherProcess.run(
                ["fetch", server.url("/new"), "--max-size", "40K"] + cache)
            #expect(second.status == 0)
            #expect(second.output == new)
            let list = try await FetcherProcess.run(["cache", "list", "--cache", folder.path])
            #expect(list.outputText.hasSuffix("  0:\(server.url("/new"))\n"))
            #expect(list.outputText.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test func aCorruptedBlobIsFetchedAgainUnlessOnlyChangedFilesAreChecked() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(50_000, seed: 36)
            server.route("/blob", .ok(blob))
            let arguments = ["fetch", server.url("/blob"), "--cache", folder.path, "-q"]
            #expect(try await FetcherProcess.run(arguments).output == blob)
            let cache = try BlobCache(directory: folder.path)
            let path = try #require(try cache.entries().first?.path)
            try flipFirstByte(of: path)

            // Same size, inode and modification time: only the digest can tell.
            let trusting = try await FetcherProcess.run(arguments + ["--cache-verify", "changed"])
            #expect(trusting.status == 0)
            #expect(trusting.output.first == blob[0] ^ 0xFF)
            #expect(server.requests(to: "/blob").count == 1)

            let checking = try await FetcherProcess.run(arguments + ["--cache-verify", "always"])
            #expect(checking.status == 0)
            #expect(checking.output == blob)
            #expect(server.requests(to: "/blob").count == 2)
        }
    }

    @Test func aCorruptedBlobCopiedToAFileIsCaughtAndFetchedAgain() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(3_000_000, seed: 37)
            server.route("/blob", .ok(blob))
            let cacheFolder = folder.appendingPathComponent("cache").path
            let output = folder.appendingPathComponent("out")
            let arguments = [
                "fetch", server.url("/blob"), "--cache", cacheFolder, "-o", output.path, "-q",
            ]
            #expect(try await FetcherProcess.run(arguments).status == 0)
            let path = try #require(try BlobCache(directory: cacheFolder).entries().first?.path)
            try flipFirstByte(of: path)

            // The file output is hashed while it is copied; the copy finds the flipped byte.
            let result = try await FetcherProcess.run(arguments)
            #expect(result.status == 0, "\(result.error)")
            #expect(try Data(contentsOf: output) == Data(blob))
            #expect(server.requests(to: "/blob").count == 2)
            #expect(contents(of: folder) == ["cache", "out"])
            let repaired = try #require(try BlobCache(directory: cacheFolder).entries().first)
            #expect(try Data(contentsOf: URL(fileURLWithPath: repaired.path)) == Data(blob))
        }
    }

    /// Inverts the first byte of a file in place, then puts its modification time back.
    private func flipFirstByte(of path: String) throws {
        let descriptor = open(path, O_RDWR)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)
        var byte: UInt8 = 0
        try #require(pread(descriptor, &byte, 1, 0) == 1)
        byte ^= 0xFF
        try #require(pwrite(descriptor, &byte, 1, 0) == 1)
        let times = [status.st_atim, status.st_mtim]
        try #require(futimens(descriptor, times) == 0)
    }
}
