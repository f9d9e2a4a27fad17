import Fetcher

/// The kinds of reference the tool understands, in the order they are tried.
///
/// This is the one list to extend when a kind of reference is added: the schema, the hash-key
/// prefixes and the references themselves all come from it. Appending keeps the prefixes
/// (the fetcher's position) of the existing kinds, and so their cached hash keys.
enum KnownFetchers {
    /// Every fetcher the tool offers, combined.
    static let combined = CombinedFetcher.standard
}
