import Fetcher
import FetcherTesting
import Foundation
import Testing

struct CommandLineFetchTests {
    @Test func fetchesToStandardOutputByteForByte() async throws {
        let server = try FaultServer()
        let blob = testBlob(300_000)
        server.route("/blob", .ok(blob))
        let result = try await FetcherProcess.run(["fetch", server.url("/blob"), "--quiet"])
        #expect(result.status == 0)
        #expect(result.exited)
        #expect(result.output == blob)
        #expect(result.error == "")
    }

    @Test func fetchesToAFileWithNothingLeftBeside() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(200_000)
            server.route("/blob", .ok(blob))
            let file = folder.appendingPathComponent("blob.bin")
            try Data("old content".utf8).write(to: file)
            let result = try await FetcherProcess.run(
                ["fetch", "-o", file.path, server.url("/blob"), "--progress", "none"])
            #expect(result.status == 0)
            #expect(result.output.isEmpty)
            #expect(result.error == "")
            #expect(try Data(contentsOf: file) == Data(blob))
            #expect(contents(of: folder) == ["blob.bin"])
        }
    }

    @Test func optionsMayFollowTheReferenceAndDoubleDashEndsThem() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Array("hello".utf8)))
        let result = try await FetcherProcess.run(
            ["fetch", "--progress=none", "--", server.url("/blob")])
        #expect(result.status == 0)
        #expect(result.outputText == "hello")
        #expect(result.error == "")
    }

    @Test func serverErrorsFailWithCodeOneAfterTheRetries() async throws {
        let server = try FaultServer()
        server.route("/blob", .status(500, body: "disk on fire"))
        let result = try await FetcherProcess.run(
            ["fetch", server.url("/blob"), "--retries", "1", "--retry-delay", "0", "-q"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: failed to fetch \(server.url("/blob")) after 2 attempts: "
                + "the server answered 500 Internal Server Error: disk on fire\n")
        #expect(server.requests(to: "/blob").count == 2)
    }

    @Test func missingBlobsAreBrokenReferencesWithCodeThree() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            server.route("/blob", .status(404, body: "no such blob"))
            let file = folder.appendingPathComponent("out")
            let result = try await FetcherProcess.run(
                ["fetch", server.url("/blob"), "-o", file.path, "-q"])
            #expect(result.status == 3)
            #expect(
                result.error
                    == "fetcher: failed to fetch \(server.url("/blob")), "
                    + "the server answered 404 Not Found: no such blob\n")
            #expect(contents(of: folder).isEmpty)
            #expect(server.requests(to: "/blob").count == 1)
        }
    }

    @Test func aDigestMismatchLeavesTheExistingFileUntouched() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(100_000)
            server.route("/blob", .ok(blob))
            let file = folder.appendingPathComponent("image.tar")
            try Data("the previous image".utf8).write(to: file)
            let wrong = String(repeating: "0", count: 64)
            let reference = #"{"url": "\#(server.url("/blob"))", "sha256": "\#(wrong)"}"#
            let result = try await FetcherProcess.run(["fetch", reference, "-o", file.path, "-q"])
            #expect(result.status == 3)
            #expect(
                result.error
                    == "fetcher: failed to fetch \(server.url("/blob")), sha256 mismatch: "
                    + "expected \(wrong), computed \(sha256Hex(blob))\n")
            #expect(try Data(contentsOf: file) == Data("the previous image".utf8))
            #expect(contents(of: folder) == ["image.tar"])
        }
    }

    @Test func withoutSyncTheFileIsStillReplacedOnlyWhenWholeAndVerified() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(300_000, seed: 5)
            server.route("/blob", .ok(blob))
            let file = folder.appendingPathComponent("image.tar")
            try Data("the previous image".utf8).write(to: file)
            let wrong = String(repeating: "0", count: 64)
            let refused = try await FetcherProcess.run([
                "fetch", #"{"url": "\#(server.url("/blob"))", "sha256": "\#(wrong)"}"#,
                "-o", file.path, "--no-sync", "-q",
            ])
            #expect(refused.status == 3)
            #expect(try Data(contentsOf: file) == Data("the previous image".utf8))
            #expect(contents(of: folder) == ["image.tar"])
            let right = #"{"url": "\#(server.url("/blob"))", "sha256": "\#(sha256Hex(blob))"}"#
            let fetched = try await FetcherProcess.run(
                ["fetch", right, "-o", file.path, "--no-sync", "-q"])
            #expect(fetched.status == 0, "\(fetched.error)")
            #expect(try Data(contentsOf: file) == Data(blob))
            #expect(contents(of: folder) == ["image.tar"])
        }
    }

    @Test func noSyncNeedsAnOutputFile() async throws {
        for output in [[], ["-o", "-"]] {
            let result = try await FetcherProcess.run(
                ["fetch", "http://127.0.0.1:9/blob", "--no-sync"] + output)
            #expect(result.status == 2)
            #expect(
                result.error.hasPrefix(
                    "fetcher: option --no-sync applies to an output file: give -o FILE\n"))
        }
        let other = try await FetcherProcess.run(["hash-key", "http://127.0.0.1:9/", "--no-sync"])
        #expect(other.status == 2)
        #expect(other.error.hasPrefix("fetcher: option --no-sync does not apply to 'hash-key'"))
    }

    @Test func anOutputFolderThatDoesNotExistFailsBeforeAnyRequest() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(testBlob(100)))
        let result = try await FetcherProcess.run(
            ["fetch", server.url("/blob"), "-o", "/nonexistent/folder/out", "-q"])
        #expect(result.status == 1)
        #expect(
            result.error
                == "fetcher: cannot create a temporary file beside /nonexistent/folder/out: "
                + "No such file or directory\n")
        #expect(server.requests(to: "/blob").isEmpty)
    }

    @Test func aMatchingDigestIsAccepted() async throws {
        let server = try FaultServer()
        let blob = testBlob(50_000)
        server.route("/blob", .ok(blob))
        let reference = #"{"url": "\#(server.url("/blob"))", "sha256": "\#(sha256Hex(blob))"}"#
        let result = try await FetcherProcess.run(["fetch", reference, "-q"])
        #expect(result.status == 0)
        #expect(result.output == blob)
        #expect(result.error == "")
    }

    @Test func readsTheReferenceFromAFile() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(10_000)
            server.route("/blob", .ok(blob))
            let referenceFile = folder.appendingPathComponent("reference.json")
            try Data(#"{"url": "\#(server.url("/blob"))", "size": 10000}"#.utf8)
                .write(to: referenceFile)
            let result = try await FetcherProcess.run(["fetch", "@\(referenceFile.path)", "-q"])
            #expect(result.status == 0)
            #expect(result.output == blob)
            #expect(result.error == "")
        }
    }

    @Test func readsTheReferenceFromStandardInput() async throws {
        let server = try FaultServer()
        let blob = testBlob(10_000)
        server.route("/blob", .ok(blob))
        let result = try await FetcherProcess.run(
            ["fetch", "-", "-q"], input: Array(#"  "\#(server.url("/blob"))"  "#.utf8))
        #expect(result.status == 0)
        #expect(result.output == blob)
        #expect(result.error == "")
    }

    @Test func aRestartAfterBytesWentToAPipeIsAnError() async throws {
        let server = try FaultServer()
        let blob = testBlob(100_000)
        var cut = ServerResponse.ok(blob).dropping(after: 40_000)
        cut.acceptsRanges = false
        var whole = ServerResponse.ok(blob)
        whole.acceptsRanges = false
        server.route("/blob", [cut, whole])
        let result = try await FetcherProcess.run(
            ["fetch", server.url("/blob"), "--retry-delay", "0", "-q"])
        #expect(result.status == 1)
        #expect(result.output == Array(blob.prefix(result.output.count)))
        #expect(result.output.count == 40_000)
        #expect(
            result.error
                == "fetcher: the download had to start over from byte 0 after 40000 bytes had "
                + "been written to standard output, which cannot take them back; fetch with "
                + "-o FILE to allow restarts\n")
    }

    @Test func aRestartIntoARegularFileOnStandardOutputStartsTheFileOver() async throws {
        try await withTemporaryFolder { folder in
            let server = try FaultServer()
            let blob = testBlob(100_000)
            var cut = ServerResponse.ok(blob).dropping(after: 40_000)
            cut.acceptsRanges = false
            var whole = ServerResponse.ok(blob)
            whole.acceptsRanges = false
            server.route("/blob", [cut, whole])
            let file = folder.appendingPathComponent("out")
            let result = try await FetcherProcess.runShell(
                "printf 'kept ' >'\(file.path)' && \"$FETCHER\" fetch '\(server.url("/blob"))' "
                    + "--retry-delay 0 -q >>'\(file.path)'")
            #expect(result.status == 0)
            #expect(result.error == "")
            #expect(try Data(contentsOf: file) == Data("kept ".utf8) + Data(blob))
        }
    }

    @Test func theCertificateAuthoritiesGivenAreTrusted() async throws {
        let identity = try TLSIdentity.selfSigned()
        defer { identity.removeCertificateFile() }
        let server = try FaultServer(tls: identity)
        server.route("/blob", .ok(Array("over TLS".utf8)))
        let trusted = try await FetcherProcess.run(
            ["fetch", server.url("/blob"), "--cacert", identity.certificatePath, "-q"])
        #expect(trusted.status == 0)
        #expect(trusted.outputText == "over TLS")
        #expect(trusted.error == "")
        let untrusted = try await FetcherProcess.run(["fetch", server.url("/blob"), "-q"])
        #expect(untrusted.status == 3)
        #expect(untrusted.output.isEmpty)
        #expect(untrusted.error.contains("the server's TLS certificate could not be verified"))
    }

    @Test func signedURLsNeverReachStandardError() async throws {
        let server = try FaultServer()
        server.route("/signed", [.ok(testBlob(1000)), .status(500)])
        let url = server.url("/signed?bewit=SECRET&size=1")
        let success = try await FetcherProcess.run(["fetch", url, "--progress", "json"])
        #expect(success.status == 0)
        #expect(success.error.contains("bewit=REDACTED&size=1"))
        let failure = try await FetcherProcess.run(
            ["fetch", url, "--retries", "0", "--progress", "bar"])
        #expect(failure.status == 1)
        #expect(failure.error.contains("bewit=REDACTED&size=1 after 1 attempt"))
        for result in [success, failure] {
            #expect(!result.error.contains("SECRET"))
        }
        #expect(server.requests(to: "/signed").allSatisfy { $0.query == "bewit=SECRET&size=1" })
    }
}
