import Fetcher
import FetcherTesting
import Foundation
import Testing

struct CommandLineEmulatorTests {
    /// A seed with one task whose public artifact is indexed, and a client that may read
    /// private artifacts.
    private static let seed = """
        {
          "clients": [{"clientId": "project/ci", "accessToken": "secret",
                       "scopes": ["queue:get-artifact:private/*"]}],
          "tasks": [{"taskId": "fN1SbArXTPSVFNUvaOlinQ", "artifacts": [
            {"name": "public/hello.txt", "text": "hello\\n"},
            {"name": "private/key.bin", "storageType": "object", "base64": "AAEC"}]}],
          "index": {"project.app.latest": "fN1SbArXTPSVFNUvaOlinQ"}
        }
        """

    /// Starts `fetcher emulator` with `arguments` and waits for the root URL it prints.
    private func startEmulator(_ arguments: [String]) async throws -> (FetcherProcess, String) {
        let emulator = try FetcherProcess(["emulator"] + arguments, input: nil)
        let printed = await eventually { emulator.outputSoFar.hasSuffix("\n") }
        if !printed {
            emulator.send(SIGKILL)
        }
        try #require(printed, "the emulator printed no root URL")
        let rootURL = String(emulator.outputSoFar.dropLast())
        return (emulator, rootURL)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func theEmulatorServesItsSeedUntilASignal(signal: Int32) async throws {
        try await withTemporaryFolder { folder in
            let seedFile = folder.appendingPathComponent("seed.json")
            try Data(Self.seed.utf8).write(to: seedFile)
            let (emulator, rootURL) = try await startEmulator(
                ["--port", "0", "--data", seedFile.path])
            defer {
                if emulator.isRunning { emulator.send(SIGKILL) }
            }
            let port = try #require(Int(rootURL.dropFirst("http://127.0.0.1:".count)))
            #expect(rootURL == "http://127.0.0.1:\(port)")
            #expect(port > 0)

            let hello = try await FetcherProcess.run([
                "fetch", #"{"namespace": "project.app.latest", "artifact": "public/hello.txt"}"#,
                "--root-url", rootURL, "-q",
            ])
            #expect(hello.status == 0)
            #expect(hello.outputText == "hello\n")
            #expect(hello.error == "")
            let key = try await FetcherProcess.run(
                [
                    "fetch", #"{"namespace": "project.app.latest", "artifact": "private/key.bin"}"#,
                    "-q",
                ],
                environment: [
                    "TASKCLUSTER_ROOT_URL": rootURL, "TASKCLUSTER_CLIENT_ID": "project/ci",
                    "TASKCLUSTER_ACCESS_TOKEN": "secret",
                ])
            #expect(key.status == 0)
            #expect(key.output == [0, 1, 2])

            emulator.send(signal)
            let result = await emulator.result()
            #expect(result.exited)
            #expect(result.status == 0)
            #expect(result.outputText == rootURL + "\n")
            #expect(result.error == "")
        }
    }

    @Test func anEmulatorWithoutSeedAnswersAsAnEmptyDeployment() async throws {
        let (emulator, rootURL) = try await startEmulator(["--port=0"])
        defer {
            if emulator.isRunning { emulator.send(SIGKILL) }
        }
        let result = try await FetcherProcess.run([
            "fetch", #"{"namespace": "project.app.latest", "artifact": "public/hello.txt"}"#,
            "--root-url", rootURL, "-q",
        ])
        #expect(result.status == 3)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: failed to fetch index namespace project.app.latest, "
                + "no such namespace\n")
        emulator.send(SIGTERM)
        #expect(await emulator.result().status == 0)
    }

    @Test func aPortInUseFailsWithCodeOne() async throws {
        let occupant = try TaskclusterEmulator()
        let result = try await FetcherProcess.run(["emulator", "--port", "\(occupant.port)"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: bind to 127.0.0.1:\(occupant.port) failed: Address already in use "
                + "(errno 98)\n")
    }

    @Test func aSeedThatIsNoSeedIsAUsageError() async throws {
        try await withTemporaryFolder { folder in
            let seedFile = folder.appendingPathComponent("seed.json")
            try Data(#"{"tasks": 5}"#.utf8).write(to: seedFile)
            let result = try await FetcherProcess.run(["emulator", "--data", seedFile.path])
            #expect(result.status == 2)
            #expect(result.output.isEmpty)
            #expect(
                result.error
                    == "fetcher: invalid emulator seed at /tasks: expected an array, found an "
                    + "integer\n")
        }
    }

    @Test func theSeedExampleOfTheHelpIsASeed() async throws {
        let help = try await FetcherProcess.run(["--help"]).outputText
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "  {"))
        let end = try #require(lines[start...].firstIndex(of: "  }"))
        let example = lines[start...end].joined(separator: "\n")
        let emulator = try TaskclusterEmulator()
        try emulator.seed(fromJSON: example)
        let answer = try emulator.get("/api/index/v1/task/project.app.latest")
        #expect(answer.status == 200)
        #expect(answer.jsonBody["taskId"] == "fN1SbArXTPSVFNUvaOlinQ")
    }
}
