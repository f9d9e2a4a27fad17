import Fetcher

/// A fetcher of in-memory blobs, for testing code that consumes references.
///
/// Its references are `{"fake": "<name>"}`; the blob of each name is registered in code, with
/// the scopes it needs and whether its fetch resets once midway. A name with no blob is a
/// broken reference.
public struct FakeFetcher: Fetcher {
    /// A blob served by the fake fetcher.
    public struct Blob: Sendable {
        /// The blob's bytes.
        public var bytes: [UInt8]

        /// The scope sets of its references.
        public var scopes: [[String]]

        /// Whether each fetch writes part of the blob, resets the target and starts over.
        public var resetsOnce: Bool

        /// If set, each fetch fails with a broken-reference error after this many bytes.
        public var failsAfter: Int?

        /// Creates a blob.
        ///
        /// - Parameters:
        ///   - bytes: The blob's bytes.
        ///   - scopes: The scope sets of its references; none needed by default.
        ///   - resetsOnce: Whether each fetch resets the target once midway.
        ///   - failsAfter: If set, each fetch fails after this many bytes.
        public init(
            _ bytes: [UInt8], scopes: [[String]] = [[]], resetsOnce: Bool = false,
            failsAfter: Int? = nil
        ) {
            self.bytes = bytes
            self.scopes = scopes
            self.resetsOnce = resetsOnce
            self.failsAfter = failsAfter
        }
    }

    /// The blobs, by name.
    public var blobs: [String: Blob]

    /// Creates a fetcher serving `blobs`.
    ///
    /// - Parameter blobs: The blobs, by name.
    public init(blobs: [String: Blob]) {
        self.blobs = blobs
    }

    /// `{"fake": "<name>"}` and nothing else.
    public var schema: Schema {
        .object(
            title: "Fake reference",
            description: "An in-memory blob, by name.",
            properties: ["fake": .string(title: "Name", minLength: 1)],
            required: ["fake"]
        )
    }

    /// Makes the reference to the named blob.
    ///
    /// - Parameters:
    ///   - options: `{"fake": "<name>"}`.
    ///   - context: Unused.
    /// - Returns: A ``FakeReference``.
    /// - Throws: ``SchemaValidationError`` for other options, ``BrokenReferenceError`` for a
    ///   name with no blob.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        struct Options: Decodable { var fake: String }
        let name = try decodeOptions(options, as: Options.self).fake
        guard let blob = blobs[name] else {
            throw BrokenReferenceError(subject: "fake blob \(name)", reason: "no such blob")
        }
        return FakeReference(name: name, blob: blob)
    }
}
