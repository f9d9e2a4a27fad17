/// Shows the progress reports of one fetch on standard error.
protocol ProgressDisplay: Sendable {
    /// Shows one report of the fetch context.
    ///
    /// - Parameters:
    ///   - description: What is fetched.
    ///   - fraction: How much of it, from 0 to 1.
    func report(description: String, fraction: Double)

    /// Ends the display, before the tool prints anything else on standard error.
    func end()
}
