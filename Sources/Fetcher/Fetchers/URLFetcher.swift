/// The fetcher of plain URL references: a JSON string holding an absolute `http` or `https`
/// URL.
///
/// The hash key is the URL itself and no scope is needed.
public struct URLFetcher: Fetcher {
    /// Creates the fetcher.
    public init() {}

    /// A string in `uri` format, restricted to absolute `http` and `https` URLs.
    public var schema: Schema {
        .string(
            title: "URL",
            description: "An absolute http or https URL; the blob is whatever it serves.",
            format: .uri
        )
    }

    /// Makes a reference to the URL in `options`.
    ///
    /// - Parameters:
    ///   - options: A JSON string holding the URL.
    ///   - context: Unused: making the reference needs no request.
    /// - Returns: A ``URLReference``.
    /// - Throws: ``SchemaValidationError`` when `options` is not such a string.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        URLReference(url: try decodeOptions(options, as: String.self))
    }
}

/// A blob named by its URL alone.
public struct URLReference: Reference {
    /// The URL.
    public let url: String

    /// Creates a reference to `url`.
    ///
    /// - Parameter url: An absolute `http` or `https` URL.
    public init(url: String) {
        self.url = url
    }

    /// The URL.
    public var hashKey: String {
        url
    }

    /// `[[]]`: no scope is needed.
    public var scopes: [[String]] {
        [[]]
    }

    /// Downloads the URL into `target`, with retries and resumption.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Progress reports and transfer settings.
    /// - Throws: ``BrokenReferenceError``, ``TransferError``, the target's error, or
    ///   `CancellationError`.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        let download = HTTPDownload(
            url: url, subject: Redaction.redact(url: url), settings: context.transfer)
        try await download.run(
            into: WriteResetterSink(target),
            progress: context.progressReporter(for: download.subject))
    }
}
