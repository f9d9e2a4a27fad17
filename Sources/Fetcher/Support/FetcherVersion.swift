/// The version of this package.
public enum FetcherVersion {
    /// The version, in semantic-versioning form.
    public static let current = "0.1.0"
}
