/// Options that no fetcher of a ``CombinedFetcher`` accepts, with each fetcher's reasons.
public struct NoMatchingFetcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why one fetcher refused the options.
    public struct Refusal: Sendable, Hashable {
        /// The fetcher's schema title, or its position when it has none.
        public var fetcher: String

        /// Every rule of its schema that the options broke.
        public var violations: [SchemaViolation]

        /// Creates a refusal.
        ///
        /// - Parameters:
        ///   - fetcher: The fetcher's name.
        ///   - violations: The rules the options broke.
        public init(fetcher: String, violations: [SchemaViolation]) {
            self.fetcher = fetcher
            self.violations = violations
        }
    }

    /// One refusal per fetcher, in the order they were tried.
    public var refusals: [Refusal]

    /// Creates the error.
    ///
    /// - Parameter refusals: Why each fetcher refused.
    public init(refusals: [Refusal]) {
        self.refusals = refusals
    }

    /// A summary line, then each fetcher with its reasons, one per line.
    public var description: String {
        var lines = ["the reference matches none of the \(refusals.count) kinds of reference:"]
        for refusal in refusals {
            lines.append("- \(refusal.fetcher):")
            lines += refusal.violations.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
