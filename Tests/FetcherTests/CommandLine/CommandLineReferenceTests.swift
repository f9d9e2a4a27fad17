import Fetcher
import Foundation
import Testing

struct CommandLineReferenceTests {
    @Test func hashKeyOfAURL() async throws {
        let result = try await FetcherProcess.run(["hash-key", "https://example.com/a.tgz"])
        #expect(result.status == 0)
        #expect(result.outputText == "0:https://example.com/a.tgz\n")
        #expect(result.error == "")
    }

    @Test func hashKeyOfAURLWithHashesFromStandardInput() async throws {
        let digest = String(repeating: "AB", count: 32)
        let reference = #"{"url": "https://example.com/a.tgz", "sha256": "\#(digest)"}"#
        let result = try await FetcherProcess.run(["hash-key", "-"], input: Array(reference.utf8))
        #expect(result.status == 0)
        #expect(result.outputText == "1:sha256=\(digest.lowercased())\n")
        #expect(result.error == "")
    }

    @Test func hashKeyOfAReferenceFile() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("ref.json")
            let md5 = String(repeating: "1", count: 32)
            try Data(#"{"url": "http://h/x", "md5": "\#(md5)"}"#.utf8).write(to: file)
            let result = try await FetcherProcess.run(["hash-key", "@\(file.path)"])
            #expect(result.status == 0)
            #expect(result.outputText == "1:md5=\(md5) url=http://h/x\n")
            #expect(result.error == "")
        }
    }

    @Test func anUnreadableReferenceFileIsAUsageError() async throws {
        let result = try await FetcherProcess.run(["hash-key", "@/nonexistent/ref.json"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: cannot read the reference from /nonexistent/ref.json: "
                + "No such file or directory\n")
    }

    @Test func scopesPrintOneJSONArrayPerSet() async throws {
        let result = try await FetcherProcess.run(["scopes", "https://example.com/a.tgz"])
        #expect(result.status == 0)
        #expect(result.outputText == "[]\n")
        #expect(result.error == "")
    }

    @Test func schemaIsTheJSONSchemaOfEveryReference() async throws {
        let result = try await FetcherProcess.run(["schema"])
        #expect(result.status == 0)
        #expect(result.error == "")
        let schema = try JSONValue(parsing: result.outputText)
        #expect(schema["$schema"] == .string(Schema.draft07URI))
        let titles = schema["oneOf"]?.arrayValue?.compactMap { $0["title"]?.stringValue }
        #expect(titles == ["URL", "URL with hashes", "Artifact", "Index"])
        #expect(schema == KnownFetchersSchema.expected)
    }
}

/// The schema the tool must print: that of the four kinds of reference, in the order that
/// gives their hash keys the prefixes 0 to 3.
private enum KnownFetchersSchema {
    static let expected = CombinedFetcher(
        URLFetcher(), URLHashFetcher(), ArtifactFetcher(), IndexFetcher()
    ).schema.jsonSchemaDocument
}
