/// The fetcher of URLs with the digests (and optionally the size) their blob must have:
/// `{"url": ..., "md5"?, "sha1"?, "sha256"?, "sha512"?, "size"?, "integrity"?}`.
///
/// Every digest given is checked while the bytes stream. `integrity` is a Subresource
/// Integrity string (`sha256-<base64>` or `sha512-<base64>`), as npm and Bazel write them.
public struct URLHashFetcher: Fetcher {
    /// Creates the fetcher.
    public init() {}

    /// An object with a `url` and any of the digests, the size and an SRI string.
    public var schema: Schema {
        func hex(_ algorithm: HashAlgorithm) -> Schema {
            .string(
                title: "\(algorithm.rawValue) digest",
                description: "The \(algorithm.rawValue) of the blob in hex, either case.",
                pattern: "^[0-9a-fA-F]{\(algorithm.hexLength)}$"
            )
        }
        return .object(
            title: "URL with hashes",
            description: "An absolute http or https URL and the digests its blob must have.",
            properties: [
                "url": .string(title: "URL", description: "Where the blob is.", format: .uri),
                "md5": hex(.md5),
                "sha1": hex(.sha1),
                "sha256": hex(.sha256),
                "sha512": hex(.sha512),
                "size": .integer(
                    title: "Size", description: "The blob's size in bytes.", minimum: 0),
                "integrity": .string(
                    title: "Subresource Integrity",
                    description: "sha256-<base64> or sha512-<base64>, as npm and Bazel use.",
                    pattern:
                        "^\\s*(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}(\\s+(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2})*\\s*$",
                    maxLength: 4096
                ),
            ],
            required: ["url"]
        )
    }

    private struct Options: Decodable {
        var url: String
        var md5: String?
        var sha1: String?
        var sha256: String?
        var sha512: String?
        var size: Int64?
        var integrity: String?
    }

    /// Makes a reference from `options`.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Unused: making the reference needs no request.
    /// - Returns: A ``URLHashReference``.
    /// - Throws: ``SchemaValidationError`` when `options` do not match the schema;
    ///   ``BrokenReferenceError`` when the `integrity` string and a hex digest disagree.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        let options = try decodeOptions(options, as: Options.self)
        var digests: [HashAlgorithm: [UInt8]] = [:]
        let hexDigests: [(HashAlgorithm, String?)] = [
            (.md5, options.md5), (.sha1, options.sha1), (.sha256, options.sha256),
            (.sha512, options.sha512),
        ]
        for case (let algorithm, let hex?) in hexDigests {
            digests[algorithm] = Hex.decode(hex)
        }
        if let text = options.integrity {
            let integrity = try SubresourceIntegrity(parsing: text)
            let subject = Redaction.redact(url: options.url)
            guard integrity.expectedDigests.count == 1, let digest = integrity.expectedDigests.first
            else {
                throw BrokenReferenceError(
                    subject: subject,
                    reason:
                        "its integrity string gives several \(integrity.algorithm.rawValue) digests; "
                        + "give exactly one")
            }
            if let given = digests[integrity.algorithm], given != digest {
                throw BrokenReferenceError(
                    subject: subject,
                    reason: "its integrity string and its \(integrity.algorithm.rawValue) disagree")
            }
            digests[integrity.algorithm] = digest
        }
        return URLHashReference(url: options.url, digests: digests, size: options.size)
    }
}
