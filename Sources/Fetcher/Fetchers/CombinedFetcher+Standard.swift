extension CombinedFetcher {
    /// Every built-in kind of reference, in the original design's order: URL, URL with
    /// hashes, artifact, index.
    public static var standard: CombinedFetcher {
        CombinedFetcher(URLFetcher(), URLHashFetcher(), ArtifactFetcher(), IndexFetcher())
    }
}
