import Fetcher
import FetcherTesting
import Foundation
import Testing

struct IntegrityTests {
    static let blob = testBlob(300_000, seed: 3)

    @Test func everyGivenDigestIsChecked() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Self.blob))
        var options: [String: JSONValue] = [
            "url": .string(server.url("/blob")), "size": .integer(300_000),
        ]
        for algorithm in HashAlgorithm.allCases {
            let digester = Digester(algorithm)
            digester.update(Self.blob)
            options[algorithm.rawValue] = .string(Hex.encode(digester.finalize()).uppercased())
        }
        #expect(try await fetchBytes(.object(options)) == Self.blob)
    }

    @Test func aWrongSHA256IsBrokenNamesBothDigestsAndResetsTheTarget() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Self.blob))
        let wrong = String(repeating: "ab", count: 32)
        let target = MemoryResetter()
        await #expect {
            _ = try await fetchBytes(
                ["url": .string(server.url("/blob")), "sha256": .string(wrong)], target: target)
        } throws: { error in
            "\(error)"
                == "failed to fetch \(server.url("/blob")), sha256 mismatch: expected \(wrong), "
                + "computed \(sha256Hex(Self.blob))"
        }
        #expect(target.bytes.isEmpty)
        #expect(server.requests(to: "/blob").count == 1)
    }

    @Test func aMismatchNamesTheURLThatServedTheBytes() async throws {
        let server = try FaultServer()
        server.route("/start", .redirect(to: server.url("/mirror?Signature=secret123")))
        server.route("/mirror", .ok(Self.blob))
        let wrong = String(repeating: "0", count: 64)
        await #expect {
            _ = try await fetchBytes([
                "url": .string(server.url("/start")), "sha256": .string(wrong),
            ])
        } throws: { error in
            let text = "\(error)"
            return text.hasSuffix("(served by \(server.url("/mirror?Signature=REDACTED")))")
                && !text.contains("secret123")
        }
    }

    @Test func aWrongSizeIsBrokenBeforeTheBodyIsRead() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Self.blob))
        await #expect {
            _ = try await fetchBytes(["url": .string(server.url("/blob")), "size": 1000])
        } throws: { error in
            (error as? BrokenReferenceError)?.reason
                == "size mismatch: expected 1000 bytes, the server announced 300000"
        }
    }

    @Test func aBodyLongerThanTheSizeIsCutOff() async throws {
        let server = try FaultServer()
        server.route("/blob", ServerResponse(body: Self.blob).framed(.chunked(chunkSize: 1000)))
        await #expect {
            _ = try await fetchBytes(["url": .string(server.url("/blob")), "size": 1000])
        } throws: { error in
            (error as? BrokenReferenceError)?.reason
                == "size mismatch: the server sent more than the expected 1000 bytes"
        }
    }

    @Test func subresourceIntegrityIsChecked() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Self.blob))
        let digester = Digester(.sha512)
        digester.update(Self.blob)
        let integrity = "sha512-" + Data(digester.finalize()).base64EncodedString()
        let good: JSONValue = [
            "url": .string(server.url("/blob")), "integrity": .string(integrity),
        ]
        #expect(try await fetchBytes(good) == Self.blob)
        let bad: JSONValue = [
            "url": .string(server.url("/blob")),
            "integrity": .string("sha256-" + Data(count: 32).base64EncodedString()),
        ]
        await #expect {
            _ = try await fetchBytes(bad)
        } throws: { error in
            (error as? BrokenReferenceError)?.reason.hasPrefix("sha256 mismatch: expected 0000")
                == true
        }
    }

    @Test func hashKeysFollowTheStrongestDigest() async throws {
        let fetcher = URLHashFetcher()
        let context = FetchContext()
        let url = "https://example.com/a"
        let md5 = String(repeating: "A", count: 32)
        let sha1 = String(repeating: "b", count: 40)
        let sha256 = String(repeating: "c", count: 64)
        let sha512 = String(repeating: "d", count: 128)
        func key(_ options: JSONValue) async throws -> String {
            try await fetcher.makeReference(from: options, context: context).hashKey
        }
        #expect(
            try await key([
                "url": .string(url), "sha256": .string(sha256), "sha512": .string(sha512),
            ]) == "sha512=\(sha512)")
        #expect(
            try await key(["url": .string(url), "sha256": .string(sha256), "md5": .string(md5)])
                == "sha256=\(sha256)")
        #expect(
            try await key(["url": .string(url), "sha1": .string(sha1), "md5": .string(md5)])
                == "sha1=\(sha1) md5=\(md5.lowercased()) url=\(url)")
        #expect(
            try await key(["url": .string(url), "md5": .string(md5)])
                == "md5=\(md5.lowercased()) url=\(url)")
        #expect(try await key(["url": .string(url)]) == "url=\(url)")
    }

    @Test func badDigestsAreRefusedWithTheirPath() async throws {
        let options: JSONValue = ["url": "https://example.com/a", "sha256": "xyz", "size": -1]
        await #expect {
            _ = try await URLHashFetcher().makeReference(from: options, context: FetchContext())
        } throws: { error in
            let violations = (error as? SchemaValidationError)?.violations.map(\.path) ?? []
            return violations == ["/sha256", "/size"]
        }
    }
}
