import Fetcher
import FetcherTesting
import Foundation
import Testing

/// The artifact and index fetchers against the Taskcluster emulator.
struct ArtifactFetcherTests {
    let emulator: TaskclusterEmulator
    let taskId = TaskclusterEmulator.makeTaskId()
    let blob = testBlob(250_000, seed: 5)

    init() throws {
        emulator = try TaskclusterEmulator()
        emulator.addTask(taskId, runs: 2)
        emulator.addClient(
            id: "reader", accessToken: "reader-token",
            scopes: ["queue:get-artifact:*", "object:download:*"])
        emulator.addClient(
            id: "stranger", accessToken: "stranger-token", scopes: ["queue:get-artifact:other/*"])
    }

    func context(_ clientId: String? = nil, token: String? = nil) -> FetchContext {
        let credentials = clientId.map {
            TaskclusterCredentials(clientId: $0, accessToken: token ?? "\($0)-token")
        }
        return FetchContext(
            taskcluster: TaskclusterClient(rootURL: emulator.rootURL, credentials: credentials),
            transfer: quickSettings)
    }

    func fetch(_ options: JSONValue, context: FetchContext) async throws -> (
        key: String, bytes: [UInt8]
    ) {
        let reference = try await CombinedFetcher.standard.makeReference(
            from: options, context: context)
        let target = MemoryResetter()
        try await reference.fetch(into: target, context: context)
        return (reference.hashKey, target.bytes)
    }

    @Test func aPublicArtifactOfTheLatestRun() async throws {
        emulator.addArtifact(
            taskId: taskId, runId: 1, name: "public/build/app.tar", content: .s3(blob))
        let (key, bytes) = try await fetch(
            ["taskId": .string(taskId), "artifact": "public/build/app.tar"], context: context())
        #expect(key == "2:\(taskId)/1/public/build/app.tar")
        #expect(bytes == blob)
    }

    @Test func aGivenRunAndEveryStorageType() async throws {
        let other = try FaultServer()
        other.route("/elsewhere", .ok(Array("referenced".utf8)))
        emulator.addArtifact(taskId: taskId, runId: 0, name: "public/s3", content: .s3(blob))
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/ref",
            content: .reference(url: other.url("/elsewhere")))
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/object", content: .object(blob))
        let reader = context("reader")
        for (name, expected) in [
            ("public/s3", blob), ("public/ref", Array("referenced".utf8)), ("public/object", blob),
        ] {
            let (key, bytes) = try await fetch(
                ["taskId": .string(taskId), "runId": 0, "artifact": .string(name)], context: reader)
            #expect(key == "2:\(taskId)/0/\(name)")
            #expect(bytes == expected, "\(name)")
        }
    }

    @Test func anErrorArtifactCarriesItsReason() async throws {
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/log",
            content: .error(reason: "file-missing-on-worker", message: "no such file"))
        await #expect {
            _ = try await fetch(
                ["taskId": .string(taskId), "runId": 0, "artifact": "public/log"],
                context: context())
        } throws: { error in
            "\(error)".contains("file-missing-on-worker") && isBrokenReference(error)
        }
    }

    @Test func missingAndExpiredArtifactsAreBroken() async throws {
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/old", content: .s3(blob), expired: true)
        for (name, reason) in [
            ("public/none", "no such artifact"), ("public/old", "the artifact has expired"),
        ] {
            await #expect {
                _ = try await fetch(
                    ["taskId": .string(taskId), "runId": 0, "artifact": .string(name)],
                    context: context())
            } throws: { error in
                (error as? BrokenReferenceError)?.reason == reason
            }
        }
    }

    @Test func noSuchTaskAndNoSuchNamespace() async throws {
        let missing = TaskclusterEmulator.makeTaskId()
        await #expect {
            _ = try await fetch(
                ["taskId": .string(missing), "artifact": "public/x"], context: context())
        } throws: { error in
            "\(error)" == "failed to fetch task \(missing), no such task"
        }
        await #expect {
            _ = try await fetch(
                ["namespace": "project.nowhere", "artifact": "public/x"], context: context())
        } throws: { error in
            "\(error)" == "failed to fetch index namespace project.nowhere, no such namespace"
        }
    }

    @Test func privateArtifactsNeedTheScope() async throws {
        emulator.addArtifact(taskId: taskId, runId: 0, name: "private/key", content: .s3(blob))
        let options: JSONValue = ["taskId": .string(taskId), "runId": 0, "artifact": "private/key"]
        let reference = try await ArtifactFetcher().makeReference(from: options, context: context())
        #expect(reference.scopes == [["queue:get-artifact:private/key"]])
        #expect(try await fetch(options, context: context("reader")).bytes == blob)
        for denied in [context(), context("stranger"), context("reader", token: "wrong-token")] {
            await #expect {
                _ = try await fetch(options, context: denied)
            } throws: { error in
                (error as? AccessDeniedError)?.required == [["queue:get-artifact:private/key"]]
            }
        }
    }

    @Test func temporaryCredentialsAreAccepted() async throws {
        emulator.addArtifact(taskId: taskId, runId: 0, name: "private/temp", content: .s3(blob))
        let temporary = try TaskclusterCredentials.temporary(
            issuer: TaskclusterCredentials(clientId: "reader", accessToken: "reader-token"),
            scopes: ["queue:get-artifact:private/temp"],
            start: Date().addingTimeInterval(-60), expiry: Date().addingTimeInterval(3600))
        let context = FetchContext(
            taskcluster: TaskclusterClient(rootURL: emulator.rootURL, credentials: temporary),
            transfer: quickSettings)
        let options: JSONValue = [
            "taskId": .string(taskId), "runId": 0, "artifact": "private/temp",
        ]
        #expect(try await fetch(options, context: context).bytes == blob)
    }

    @Test func anIndexThatMovesGivesANewHashKey() async throws {
        let newer = TaskclusterEmulator.makeTaskId()
        emulator.addTask(newer)
        emulator.addArtifact(
            taskId: taskId, runId: 1, name: "public/tool", content: .s3(Array("old".utf8)))
        emulator.addArtifact(
            taskId: newer, runId: 0, name: "public/tool", content: .s3(Array("new".utf8)))
        let options: JSONValue = ["namespace": "project.tool.latest", "artifact": "public/tool"]
        emulator.setIndex(namespace: "project.tool.latest", taskId: taskId)
        let before = try await fetch(options, context: context())
        emulator.setIndex(namespace: "project.tool.latest", taskId: newer)
        let after = try await fetch(options, context: context())
        #expect(before.key == "3:\(taskId)/1/public/tool" && before.bytes == Array("old".utf8))
        #expect(after.key == "3:\(newer)/0/public/tool" && after.bytes == Array("new".utf8))
    }

    @Test(arguments: [
        "public/with space.txt", "public/100%.txt", "public/a#b", "public/a?b=c",
        "public/../secret", "public/..", "public/%2F",
    ])
    func oddNamesFetchTheRightArtifactAndNothingElse(name: String) async throws {
        emulator.addArtifact(taskId: taskId, runId: 0, name: name, content: .s3(Array(name.utf8)))
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/secret", content: .s3(Array("wrong".utf8)))
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "secret", content: .s3(Array("wrong".utf8)))
        let (_, bytes) = try await fetch(
            ["taskId": .string(taskId), "runId": 0, "artifact": .string(name)], context: context())
        #expect(bytes == Array(name.utf8))
    }

    @Test func anObjectWithAWrongHashFails() async throws {
        emulator.addArtifact(
            taskId: taskId, runId: 0, name: "public/object", content: .object(blob),
            objectOptions: EmulatedObjectOptions(wrongHashes: [.sha256]))
        await #expect {
            _ = try await fetch(
                ["taskId": .string(taskId), "runId": 0, "artifact": "public/object"],
                context: context("reader"))
        } throws: { error in
            (error as? BrokenReferenceError)?.reason.hasPrefix("sha256 mismatch: expected ") == true
        }
    }

    @Test func serverErrorsOfTheQueueAreRetried() async throws {
        emulator.addArtifact(taskId: taskId, runId: 1, name: "public/flaky", content: .s3(blob))
        emulator.failNext(.getArtifact, status: 503, count: 2)
        emulator.failNext(.status, status: 500, count: 1)
        let (_, bytes) = try await fetch(
            ["taskId": .string(taskId), "artifact": "public/flaky"], context: context())
        #expect(bytes == blob)
        #expect(emulator.requests(to: .status).count == 2)
    }

    @Test func withoutARootURLTheErrorSaysWhatToSet() async throws {
        await #expect {
            _ = try await fetch(
                ["taskId": .string(taskId), "artifact": "public/x"], context: FetchContext())
        } throws: { error in
            error is TaskclusterNotConfiguredError && "\(error)".contains("TASKCLUSTER_ROOT_URL")
        }
    }

    @Test func signedURLsNeverAppearInErrors() async throws {
        emulator.addArtifact(taskId: taskId, runId: 0, name: "private/gone", content: .s3(blob))
        emulator.failNext(.blob, status: 404, count: 1)
        await #expect {
            _ = try await fetch(
                ["taskId": .string(taskId), "runId": 0, "artifact": "private/gone"],
                context: context("reader"))
        } throws: { error in
            let text = "\(error)"
            let signed = text.components(separatedBy: "X-Amz-Signature=").dropFirst()
            return !signed.isEmpty && signed.allSatisfy { $0.hasPrefix("REDACTED") }
        }
    }
}
