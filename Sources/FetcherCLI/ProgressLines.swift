import Fetcher

/// Progress as JSON lines: one object per report,
/// `{"bytes": 1024, "description": "…", "fraction": 0.5}`.
///
/// `bytes` counts the bytes written to the output so far; it may trail the fraction by the
/// bytes still on their way to the output, and equals the blob's size in the last report.
struct ProgressLines: ProgressDisplay {
    /// The bytes written to the output so far.
    var bytes: @Sendable () -> Int64

    func report(description: String, fraction: Double) {
        let line: JSONValue = [
            "description": .string(Redaction.redact(text: description)),
            "fraction": .number(fraction),
            "bytes": .integer(bytes()),
        ]
        StandardStream.error.write(line.serialized() + "\n")
    }

    func end() {}
}
