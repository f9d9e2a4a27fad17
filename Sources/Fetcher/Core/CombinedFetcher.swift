/// One fetcher made of several: a reference goes to the first fetcher whose schema matches it.
///
/// The schema is the `oneOf` of the fetchers' schemas. Hash keys are prefixed with the index of
/// the fetcher that made the reference (`"<index>:<key>"`), so two fetchers cannot produce the
/// same key for different blobs. For this to be unambiguous the schemas should be disjoint.
public struct CombinedFetcher: Fetcher {
    /// The fetchers, in the order they are tried.
    public let fetchers: [any Fetcher]

    /// Combines `fetchers`, tried in order.
    ///
    /// - Parameter fetchers: The fetchers; the first whose schema matches makes the reference.
    public init(_ fetchers: [any Fetcher]) {
        self.fetchers = fetchers
    }

    /// Combines `fetchers`, tried in order.
    ///
    /// - Parameter fetchers: The fetchers; the first whose schema matches makes the reference.
    public init(_ fetchers: any Fetcher...) {
        self.init(fetchers)
    }

    /// The `oneOf` of the fetchers' schemas.
    public var schema: Schema {
        .oneOf(
            fetchers.map(\.schema),
            title: "Reference",
            description: "A reference accepted by one of the fetchers."
        )
    }

    /// Makes the reference with the first fetcher whose schema matches `options`.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Passed on to the fetcher that makes the reference.
    /// - Returns: A ``CombinedReference`` wrapping that fetcher's reference.
    /// - Throws: ``NoMatchingFetcherError`` when no schema matches, saying why each fetcher
    ///   refused; otherwise whatever the chosen fetcher throws.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        var refusals: [NoMatchingFetcherError.Refusal] = []
        for (index, fetcher) in fetchers.enumerated() {
            let violations = fetcher.schema.validate(options)
            guard violations.isEmpty else {
                let name = fetcher.schema.title ?? "fetcher \(index)"
                refusals.append(.init(fetcher: name, violations: violations))
                continue
            }
            let reference = try await fetcher.makeReference(from: options, context: context)
            return CombinedReference(index: index, base: reference)
        }
        throw NoMatchingFetcherError(refusals: refusals)
    }
}

/// A reference made by one fetcher of a ``CombinedFetcher``.
public struct CombinedReference: Reference {
    /// The position of the fetcher that made ``base``.
    public let index: Int

    /// The reference made by that fetcher.
    public let base: any Reference

    /// `"<index>:<base hash key>"`.
    public var hashKey: String {
        "\(index):\(base.hashKey)"
    }

    /// The scope sets of ``base``.
    public var scopes: [[String]] {
        base.scopes
    }

    /// Fetches ``base`` into `target`.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Progress reports, the Taskcluster client and transfer settings.
    /// - Throws: Whatever ``base`` throws.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        try await base.fetch(into: target, context: context)
    }
}
