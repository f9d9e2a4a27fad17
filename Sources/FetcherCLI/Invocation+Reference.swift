import Fetcher

extension Invocation {
    /// Reads the REFERENCE argument and makes the reference with the known fetchers, asking
    /// the Taskcluster deployment to resolve artifact and index references.
    ///
    /// - Returns: The reference, resolved as far as its fetcher resolves it.
    /// - Throws: ``ReferenceInputError`` when the argument cannot be read or is not JSON;
    ///   `NoMatchingFetcherError` when no kind of reference matches it; whatever the matching
    ///   fetcher throws, such as `TaskclusterNotConfiguredError` for an index reference without
    ///   a root URL.
    func makeReference() async throws -> any Reference {
        let json = try ReferenceArgument(argument: reference ?? "-").json()
        let context = FetchContext(taskcluster: taskcluster, transfer: transfer)
        return try await KnownFetchers.combined.makeReference(from: json, context: context)
    }
}
