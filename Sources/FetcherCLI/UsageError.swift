/// A mistake in the command line: reported with the usage hint and exit code 2.
struct UsageError: Error, CustomStringConvertible {
    /// What is wrong, as one sentence without the `fetcher:` prefix.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
