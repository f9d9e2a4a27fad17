import Fetcher
import FetcherTesting

/// Turns errors into the tool's messages on standard error and its exit codes.
///
/// A message is `fetcher: ` and one sentence; an error whose text spans several lines (the
/// rules a reference broke) keeps its other lines, indented under the first. Every message is
/// redacted, so no signed URL or token reaches the terminal or a log.
enum Diagnostics {
    /// The hint printed after a usage error.
    static let usageHint = "Run 'fetcher --help' for usage."

    /// The exit code for `error`.
    ///
    /// - Parameter error: Any error from parsing the command line or running the command.
    /// - Returns: The code documented for that kind of error.
    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case is UsageError, is ReferenceInputError, is NoMatchingFetcherError,
            is SchemaValidationError, is JSONParseError, is JSONDecodingError,
            is TaskclusterNotConfiguredError, is TaskclusterEmulatorSeedError:
            .usage
        case is BrokenReferenceError:
            .brokenReference
        case is AccessDeniedError:
            .accessDenied
        default:
            .failed
        }
    }

    /// Prints `error` and returns its exit code.
    ///
    /// - Parameter error: The error that stopped the command.
    /// - Returns: The exit code for it.
    static func report(_ error: any Error) -> ExitCode {
        let shown = explained(error)
        var text = message(for: shown)
        if shown is UsageError {
            text += "\n" + usageHint
        }
        StandardStream.error.write(text + "\n")
        return exitCode(for: error)
    }

    /// `error` in the tool's words, where the library's speak of its API: a missing Taskcluster
    /// deployment becomes a usage error naming `--root-url`.
    ///
    /// - Parameter error: The error.
    /// - Returns: The error to show.
    static func explained(_ error: any Error) -> any Error {
        guard let error = error as? TaskclusterNotConfiguredError else {
            return error
        }
        return UsageError(
            "\(error.subject) needs a Taskcluster root URL: give --root-url URL or set "
                + "TASKCLUSTER_ROOT_URL")
    }

    /// `fetcher: <the error's description>`, redacted, further lines indented.
    ///
    /// - Parameter error: The error.
    /// - Returns: The message, without a final newline.
    static func message(for error: any Error) -> String {
        let lines = Redaction.redact(text: String(describing: error)).split(
            separator: "\n", omittingEmptySubsequences: false)
        let first = lines.first.map(String.init) ?? ""
        let rest = lines.dropFirst().map { "  " + $0 }
        return (["fetcher: " + first] + rest).joined(separator: "\n")
    }
}
