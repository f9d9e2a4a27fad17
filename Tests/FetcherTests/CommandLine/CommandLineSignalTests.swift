import FetcherTesting
import Foundation
import Testing

struct CommandLineSignalTests {
    /// Starts fetching a blob that stalls after its first bytes into `folder/out`, and waits
    /// until the server has the request and the temporary file exists.
    private func startStalledFetch(into folder: URL, server: FaultServer) async throws
        -> FetcherProcess
    {
        server.route("/stall", .ok(testBlob(100_000)).stalling(after: 5_000))
        let fetcher = try FetcherProcess(
            ["fetch", server.url("/stall"), "-o", folder.appendingPathComponent("out").path, "-q"])
        let started = await eventually {
            !server.requests(to: "/stall").isEmpty && server.bodyBytesSent(to: "/stall") > 0
        }
        #expect(started, "the fetch never reached the server")
        #expect(contents(of: folder).contains { $0.hasPrefix(".out.fetcher-") })
        return fetcher
    }

    @Test(arguments: [
        (SIGINT, 130, "interrupted by SIGINT"), (SIGTERM, 143, "terminated by SIGTERM"),
    ])
    func aSignalCancelsTheFetchAndRemovesTheTemporaryFile(
        signal: Int32, code: Int32, message: String
    ) async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            defer { server.shutdown() }
            let fetcher = try await startStalledFetch(into: folder, server: server)
            fetcher.send(signal)
            let result = await fetcher.result()
            #expect(result.exited)
            #expect(result.status == code)
            #expect(result.output.isEmpty)
            #expect(result.error == "fetcher: \(message)\n")
            #expect(contents(of: folder).isEmpty)
        }
    }

    @Test func aSignalKeepsAnExistingFile() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            defer { server.shutdown() }
            let file = folder.appendingPathComponent("out")
            try Data("previous".utf8).write(to: file)
            let fetcher = try await startStalledFetch(into: folder, server: server)
            fetcher.send(SIGINT)
            let result = await fetcher.result()
            #expect(result.status == 130)
            #expect(contents(of: folder) == ["out"])
            #expect(try Data(contentsOf: file) == Data("previous".utf8))
        }
    }

    @Test func afterSIGKILLTheNextRunRemovesTheStaleTemporaryFile() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            defer { server.shutdown() }
            let fetcher = try await startStalledFetch(into: folder, server: server)
            fetcher.send(SIGKILL)
            let killed = await fetcher.result()
            #expect(!killed.exited)
            #expect(killed.status == SIGKILL)
            let stale = contents(of: folder)
            #expect(stale.count == 1)
            #expect(stale.allSatisfy { $0.hasPrefix(".out.fetcher-\(fetcher.processIdentifier)-") })

            let blob = testBlob(20_000, seed: 7)
            server.route("/blob", .ok(blob))
            let file = folder.appendingPathComponent("out")
            let result = try await FetcherProcess.run([
                "fetch", server.url("/blob"), "-o", file.path, "-q",
            ])
            #expect(result.status == 0)
            #expect(result.error == "")
            #expect(contents(of: folder) == ["out"])
            #expect(try Data(contentsOf: file) == Data(blob))
        }
    }

    @Test func aSignalWhileWaitingForStandardInputEndsTheWaitAtOnce() async throws {
        let fetcher = try FetcherProcess(["fetch", "-"], input: nil)
        #expect(await eventually { fetcher.catches(SIGINT) })
        fetcher.send(SIGINT)
        let result = await fetcher.result()
        #expect(result.exited)
        #expect(result.status == 130)
        #expect(result.output.isEmpty)
        #expect(result.error == "fetcher: interrupted by SIGINT\n")
    }
}
