/// A blob named by its URL and the digests (and optionally the size) it must have.
public struct URLHashReference: Reference {
    /// The URL.
    public let url: String

    /// The expected digest of each algorithm given.
    public let digests: [HashAlgorithm: [UInt8]]

    /// The expected size in bytes, if given.
    public let size: Int64?

    /// Creates a reference.
    ///
    /// - Parameters:
    ///   - url: An absolute `http` or `https` URL.
    ///   - digests: The expected digests.
    ///   - size: The expected size in bytes, if known.
    public init(url: String, digests: [HashAlgorithm: [UInt8]], size: Int64? = nil) {
        self.url = url
        self.digests = digests
        self.size = size
    }

    /// `sha512=<hex>` if known, else `sha256=<hex>`, else `sha1=<hex> md5=<hex> url=<url>`
    /// leaving out the digests not given.
    public var hashKey: String {
        if let sha512 = digests[.sha512] {
            return "sha512=\(Hex.encode(sha512))"
        }
        if let sha256 = digests[.sha256] {
            return "sha256=\(Hex.encode(sha256))"
        }
        var parts: [String] = []
        if let sha1 = digests[.sha1] {
            parts.append("sha1=\(Hex.encode(sha1))")
        }
        if let md5 = digests[.md5] {
            parts.append("md5=\(Hex.encode(md5))")
        }
        parts.append("url=\(url)")
        return parts.joined(separator: " ")
    }

    /// `[[]]`: no scope is needed.
    public var scopes: [[String]] {
        [[]]
    }

    /// Downloads the URL into `target`, checking every digest and the size over the whole
    /// blob; on a mismatch the target is reset.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Progress reports and transfer settings.
    /// - Throws: ``BrokenReferenceError`` (also for a digest or size mismatch, naming the
    ///   algorithm, the expected and the computed value), ``TransferError``, the target's
    ///   error, or `CancellationError`.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        let download = HTTPDownload(
            url: url,
            subject: Redaction.redact(url: url),
            expected: ExpectedContent(digests: digests, size: size),
            settings: context.transfer
        )
        try await download.run(
            into: WriteResetterSink(target),
            progress: context.progressReporter(for: download.subject))
    }
}
