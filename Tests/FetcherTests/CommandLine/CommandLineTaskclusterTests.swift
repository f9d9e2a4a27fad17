import Fetcher
import FetcherTesting
import Foundation
import Testing

/// An emulated deployment with one task of two runs: in its latest run (1), a public s3
/// artifact and a private object artifact; `project.app.latest` points at the task, and the
/// client `project/ci` may read `private/*`.
private struct Deployment {
    let emulator: TaskclusterEmulator
    let taskId = TaskclusterEmulator.makeTaskId()
    let publicBlob = testBlob(30_000, seed: 3)
    let privateBlob = testBlob(5_000, seed: 4)

    init() throws {
        emulator = try TaskclusterEmulator()
        emulator.addArtifact(taskId: taskId, runId: 0, name: "public/app.bin", content: .s3([1]))
        emulator.addArtifact(
            taskId: taskId, runId: 1, name: "public/app.bin", content: .s3(publicBlob))
        emulator.addArtifact(
            taskId: taskId, runId: 1, name: "private/key.bin", content: .object(privateBlob))
        emulator.setIndex(namespace: "project.app.latest", taskId: taskId)
        emulator.addClient(
            id: "project/ci", accessToken: "secret", scopes: ["queue:get-artifact:private/*"])
    }

    var rootURL: String { emulator.rootURL }

    /// The credentials of `project/ci` as the tool reads them, with the root URL.
    var environment: [String: String] {
        [
            "TASKCLUSTER_ROOT_URL": rootURL, "TASKCLUSTER_CLIENT_ID": "project/ci",
            "TASKCLUSTER_ACCESS_TOKEN": "secret",
        ]
    }

    static let indexedPublic = #"{"namespace": "project.app.latest", "artifact": "public/app.bin"}"#
    static let indexedPrivate =
        #"{"namespace": "project.app.latest", "artifact": "private/key.bin"}"#
}

struct CommandLineTaskclusterTests {
    @Test func anIndexedArtifactIsFetchedFromTheRootURLGiven() async throws {
        try await withTemporaryFolder { folder in
            let deployment = try Deployment()
            let file = folder.appendingPathComponent("app.bin")
            let result = try await FetcherProcess.run([
                "fetch", Deployment.indexedPublic, "--root-url", deployment.rootURL, "-o",
                file.path, "-q",
            ])
            #expect(result.status == 0)
            #expect(result.output.isEmpty)
            #expect(result.error == "")
            #expect(try Data(contentsOf: file) == Data(deployment.publicBlob))
            #expect(contents(of: folder) == ["app.bin"])
            #expect(deployment.emulator.requests(to: .findTask).count == 1)
            #expect(deployment.emulator.requests(to: .status).count == 1)
            #expect(deployment.emulator.requests(to: .getArtifact).count == 1)
        }
    }

    @Test func hashKeyOfAnIndexReferenceNamesTheResolvedRun() async throws {
        let deployment = try Deployment()
        let result = try await FetcherProcess.run(
            ["hash-key", Deployment.indexedPublic, "--root-url=\(deployment.rootURL)/"])
        #expect(result.status == 0)
        #expect(result.outputText == "3:\(deployment.taskId)/1/public/app.bin\n")
        #expect(result.error == "")
    }

    @Test func anArtifactWithItsRunNeedsNoDeploymentForItsHashKeyAndScopes() async throws {
        let taskId = TaskclusterEmulator.makeTaskId()
        let reference = #"{"taskId": "\#(taskId)", "runId": 4, "artifact": "private/a b"}"#
        let hashKey = try await FetcherProcess.run(["hash-key", reference])
        #expect(hashKey.status == 0)
        #expect(hashKey.outputText == "2:\(taskId)/4/private/a b\n")
        #expect(hashKey.error == "")
        let scopes = try await FetcherProcess.run(["scopes", reference])
        #expect(scopes.status == 0)
        #expect(scopes.outputText == #"["queue:get-artifact:private/a b"]"# + "\n")
        #expect(scopes.error == "")
    }

    @Test func aPrivateArtifactWithoutCredentialsIsDeniedWithItsScope() async throws {
        try await withTemporaryFolder { folder in
            let deployment = try Deployment()
            let file = folder.appendingPathComponent("key.bin")
            let result = try await FetcherProcess.run([
                "fetch", Deployment.indexedPrivate, "--root-url", deployment.rootURL, "-o",
                file.path, "-q",
            ])
            #expect(result.status == 4)
            #expect(result.output.isEmpty)
            #expect(
                result.error
                    == "fetcher: access denied to artifact private/key.bin of task "
                    + "\(deployment.taskId) run 1 (no Taskcluster credentials are configured): "
                    + "it needs all scopes of one of these sets:\n"
                    + "    - queue:get-artifact:private/key.bin\n")
            #expect(contents(of: folder).isEmpty)
        }
    }

    @Test func credentialsFromTheEnvironmentReadAPrivateArtifact() async throws {
        let deployment = try Deployment()
        let result = try await FetcherProcess.run(
            ["fetch", Deployment.indexedPrivate, "-q"], environment: deployment.environment)
        #expect(result.status == 0)
        #expect(result.output == deployment.privateBlob)
        #expect(result.error == "")
        let artifactRequests = deployment.emulator.requests(to: .getArtifact)
        #expect(artifactRequests.count == 1)
        #expect(artifactRequests.allSatisfy { $0.query?.contains("bewit=") == true })
    }

    @Test func temporaryCredentialsFromTheEnvironmentReadAPrivateArtifact() async throws {
        let deployment = try Deployment()
        let temporary = try TaskclusterCredentials.temporary(
            issuer: TaskclusterCredentials(clientId: "project/ci", accessToken: "secret"),
            scopes: ["queue:get-artifact:private/key.bin"],
            start: Date().addingTimeInterval(-60), expiry: Date().addingTimeInterval(600))
        let result = try await FetcherProcess.run(
            ["fetch", Deployment.indexedPrivate, "--root-url", deployment.rootURL, "-q"],
            environment: [
                "TASKCLUSTER_CLIENT_ID": temporary.clientId,
                "TASKCLUSTER_ACCESS_TOKEN": temporary.accessToken,
                "TASKCLUSTER_CERTIFICATE": try #require(temporary.certificate),
            ])
        #expect(result.status == 0)
        #expect(result.output == deployment.privateBlob)
        #expect(result.error == "")
    }

    @Test func aWrongAccessTokenIsDenied() async throws {
        let deployment = try Deployment()
        var environment = deployment.environment
        environment["TASKCLUSTER_ACCESS_TOKEN"] = "not-the-secret"
        let result = try await FetcherProcess.run(
            ["fetch", Deployment.indexedPrivate, "-q"], environment: environment)
        #expect(result.status == 4)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("fetcher: access denied to artifact private/key.bin"))
        #expect(result.error.hasSuffix("\n    - queue:get-artifact:private/key.bin\n"))
        #expect(!result.error.contains("not-the-secret"))
    }

    @Test(arguments: [
        (
            Deployment.indexedPublic,
            "index namespace project.app.latest needs a Taskcluster root URL"
        ),
        (
            #"{"taskId": "fN1SbArXTPSVFNUvaOlinQ", "artifact": "public/a"}"#,
            "the latest run of task fN1SbArXTPSVFNUvaOlinQ needs a Taskcluster root URL"
        ),
        (
            #"{"taskId": "fN1SbArXTPSVFNUvaOlinQ", "runId": 0, "artifact": "public/a"}"#,
            "artifact fN1SbArXTPSVFNUvaOlinQ/0/public/a needs a Taskcluster root URL"
        ),
    ])
    func withoutARootURLTheUsageErrorNamesTheOption(reference: String, problem: String)
        async throws
    {
        let result = try await FetcherProcess.run(
            ["fetch", reference, "-q"],
            environment: ["TASKCLUSTER_CLIENT_ID": "project/ci", "TASKCLUSTER_ACCESS_TOKEN": "x"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: \(problem): give --root-url URL or set TASKCLUSTER_ROOT_URL\n"
                + "Run 'fetcher --help' for usage.\n")
    }

    @Test func theOptionWinsOverTheEnvironment() async throws {
        let deployment = try Deployment()
        let result = try await FetcherProcess.run(
            ["fetch", Deployment.indexedPublic, "--root-url", deployment.rootURL, "-q"],
            environment: ["TASKCLUSTER_ROOT_URL": "not a URL"])
        #expect(result.status == 0)
        #expect(result.output == deployment.publicBlob)
        #expect(result.error == "")
    }

    @Test func aRootURLInTheEnvironmentThatIsNoURLIsAUsageError() async throws {
        let result = try await FetcherProcess.run(
            ["hash-key", "https://example.com/a"],
            environment: ["TASKCLUSTER_ROOT_URL": "tc.example.com"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: TASKCLUSTER_ROOT_URL needs an http:// or https:// URL such as "
                + "https://tc.example.com, not 'tc.example.com'\n"
                + "Run 'fetcher --help' for usage.\n")
    }

    @Test func aCertificateThatIsNoCertificateIsAUsageError() async throws {
        let deployment = try Deployment()
        var environment = deployment.environment
        environment["TASKCLUSTER_CERTIFICATE"] = "{not json"
        let result = try await FetcherProcess.run(
            ["fetch", Deployment.indexedPrivate, "-q"], environment: environment)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: TASKCLUSTER_CERTIFICATE is not usable: invalid temporary-credential "
                + "certificate: it is not a certificate JSON object\n"
                + "Run 'fetcher --help' for usage.\n")
        #expect(deployment.emulator.requests.isEmpty)
    }
}
