import Fetcher

extension Invocation {
    /// Reads the REFERENCE argument and makes the reference with the known fetchers.
    ///
    /// - Returns: The reference, resolved as far as its fetcher resolves it.
    /// - Throws: ``ReferenceInputError`` when the argument cannot be read or is not JSON;
    ///   `NoMatchingFetcherError` when no kind of reference matches it; whatever the matching
    ///   fetcher throws.
    func makeReference() async throws -> any Reference {
        let json = try ReferenceArgument(argument: reference ?? "-").json()
        let context = FetchContext(transfer: transfer)
        return try await KnownFetchers.combined.makeReference(from: json, context: context)
    }
}
