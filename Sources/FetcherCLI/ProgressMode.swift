/// How `fetch` shows its progress on standard error.
enum ProgressMode: String, CaseIterable {
    /// A bar when standard error is a terminal, JSON lines otherwise.
    case auto

    /// One line redrawn in place: bytes, percentage, rate and time left.
    case bar

    /// One JSON object per report and per line.
    case json

    /// No progress at all.
    case none

    /// The mode to use once `auto` is decided.
    ///
    /// - Parameter standardErrorIsTerminal: Whether standard error is a terminal.
    /// - Returns: ``bar``, ``json`` or ``none``.
    func resolved(standardErrorIsTerminal: Bool) -> ProgressMode {
        guard self == .auto else { return self }
        return standardErrorIsTerminal ? .bar : .json
    }

    /// The shortest time between two reports when `--progress-interval` is not given.
    var defaultInterval: Duration {
        self == .bar ? .milliseconds(250) : .seconds(1)
    }
}
