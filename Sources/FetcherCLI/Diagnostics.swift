import Fetcher
import Foundation

/// Prints errors as one sentence on standard error and picks the exit code.
enum Diagnostics {
    static func report(_ error: any Error) -> ExitCode {
        let code: ExitCode
        switch error {
        case let usage as UsageError:
            write("fetcher: \(usage)\nRun 'fetcher --help' for usage.")
            return .usage
        case is NoMatchingFetcherError, is SchemaValidationError:
            code = .usage
        case is BrokenReferenceError:
            code = .brokenReference
        case is AccessDeniedError:
            code = .accessDenied
        case is CancellationError:
            code = .interrupted
        default:
            code = .failed
        }
        write("fetcher: \(Redaction.redact(text: "\(error)"))")
        return code
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
