import Fetcher
import FetcherTesting
import Foundation
import Testing

/// A cached private blob is served only to callers whose scopes satisfy its reference.
struct CacheScopeTests {
    let blob = testBlob(10_000, seed: 31)
    let required = [["queue:get-artifact:private/build.tar"]]

    @Test func aPrivateEntryIsRefusedWithoutTheScopeAndServedWithIt() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("private", blob, scopes: required)
            let denied = AccessDeniedError(subject: "fake:private", required: required)
            await #expect(throws: denied) {
                _ = try await cachedBytes(cache, reference, heldScopes: [])
            }
            #expect(reference.fetchCount == 0, "checked before any transfer")
            #expect(entryNames(in: folder).isEmpty)
            let held = ["queue:get-artifact:*"]
            #expect(try await cachedBytes(cache, reference, heldScopes: held) == blob)
            #expect(reference.fetchCount == 1)
            // Cached now, and still refused to a caller without the scope.
            await #expect(throws: denied) {
                _ = try await cachedBytes(cache, reference, heldScopes: ["queue:get-artifact:x"])
            }
            await #expect(throws: denied) {
                _ = try await cache.cachedEntry(forHashKey: "fake:private", heldScopes: [])
            }
            let narrower = ["queue:get-artifact:private/*"]
            #expect(try await cachedBytes(cache, reference, heldScopes: narrower) == blob)
            #expect(reference.fetchCount == 1)
        }
    }

    @Test func theRefusalListsTheScopeSetsNeeded() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let reference = fakeReference("private", blob, scopes: [["a", "b"], ["c"]])
            await #expect {
                _ = try await cachedBytes(cache, reference, heldScopes: ["a"])
            } throws: { error in
                "\(error)"
                    == """
                    access denied to fake:private: it needs all scopes of one of these sets:
                      - a, b
                      - c
                    """
            }
        }
    }

    @Test func theCachingFetcherChecksTheCallersScopes() async throws {
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let base = FakeFetcher(blobs: ["private": FakeFetcher.Blob(blob, scopes: required)])
            let stranger = CachingFetcher(base: base, cache: cache, heldScopes: [])
            let reader = CachingFetcher(
                base: base, cache: cache, heldScopes: ["queue:get-artifact:*"])
            for (fetcher, allowed) in [(stranger, false), (reader, true), (stranger, false)] {
                let reference = try await fetcher.makeReference(
                    from: ["fake": "private"], context: cacheContext)
                let target = MemoryResetter()
                do {
                    try await reference.fetch(into: target, context: cacheContext)
                    #expect(allowed && target.bytes == blob)
                } catch {
                    #expect(!allowed && error is AccessDeniedError)
                    #expect(target.bytes.isEmpty)
                }
            }
        }
    }

    @Test func anEntryRecordedWithOtherScopesIsFetchedAgain() async throws {
        // A reference that names a public blob by the key of a private entry (its fetcher
        // changed its mind) gets its own transfer, never the private bytes.
        try await withCacheFolder { folder in
            let cache = try BlobCache(directory: folder)
            let held = ["queue:get-artifact:*"]
            _ = try await cachedBytes(
                cache, fakeReference("shared", blob, scopes: required), heldScopes: held)
            let other = testBlob(500, seed: 32)
            let publicReference = fakeReference("shared", other)
            #expect(try await cachedBytes(cache, publicReference, heldScopes: []) == other)
            #expect(publicReference.fetchCount == 1)
            #expect(try cache.entries().map(\.scopes) == [[[]]])
        }
    }
}
