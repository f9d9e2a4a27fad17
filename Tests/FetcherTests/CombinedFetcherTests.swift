import Fetcher
import FetcherTesting
import Foundation
import Testing

struct CombinedFetcherTests {
    let combined = CombinedFetcher(
        URLFetcher(),
        FakeFetcher(blobs: ["a": .init(Array("alpha".utf8))]),
        FakeFetcher(blobs: ["a": .init(Array("shadowed".utf8))])
    )

    @Test func theFirstMatchingFetcherWinsAndPrefixesItsIndex() async throws {
        let reference = try await combined.makeReference(
            from: ["fake": "a"], context: FetchContext())
        #expect(reference.hashKey == "1:fake:a")
        let target = MemoryResetter()
        try await reference.fetch(into: target, context: FetchContext())
        #expect(target.bytes == Array("alpha".utf8))
    }

    @Test func aURLGoesToTheURLFetcher() async throws {
        let url = "https://example.com/blob.tar.gz"
        let reference = try await combined.makeReference(
            from: .string(url), context: FetchContext())
        #expect(reference.hashKey == "0:\(url)")
        #expect(reference.scopes == [[]])
    }

    @Test func theSchemaIsTheOneOfOfTheFetchersSchemas() throws {
        let document = combined.schema.jsonSchemaDocument
        let parsed = try JSONSerialization.jsonObject(with: Data(document.serialized().utf8))
        let object = try #require(parsed as? [String: Any])
        let alternatives = try #require(object["oneOf"] as? [[String: Any]])
        #expect(alternatives.count == 3)
        #expect(alternatives[0]["type"] as? String == "string")
        #expect(alternatives[1]["type"] as? String == "object")
        #expect(object["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }

    @Test func optionsNoFetcherAcceptsGetOneErrorWithEveryReason() async throws {
        await #expect {
            _ = try await combined.makeReference(
                from: ["fake": 1, "extra": true], context: FetchContext())
        } throws: { error in
            guard let error = error as? NoMatchingFetcherError else { return false }
            let text = "\(error)"
            return error.refusals.count == 3
                && error.refusals[0].fetcher == "URL"
                && text.hasPrefix("the reference matches none of the 3 kinds of reference:")
                && text.contains("/extra: property is not allowed")
                && text.contains("/fake: expected a string, got an integer")
        }
    }

    @Test func anEmptyCombinationRefusesEverything() async throws {
        await #expect(throws: NoMatchingFetcherError.self) {
            _ = try await CombinedFetcher([]).makeReference(from: "x", context: FetchContext())
        }
    }
}
