import Fetcher
import Foundation

/// A mistake in the command line; reported with the usage hint and exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The command line after the command name: the reference and the options.
struct Options {
    /// Every kind of reference the tool knows.
    static let fetcher = CombinedFetcher(URLFetcher(), URLHashFetcher())

    var reference: String?
    var output: String?
    var settings = TransferSettings()

    init(parsing arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            func value() throws -> String {
                guard let next = remaining.popFirst() else {
                    throw UsageError("\(argument) needs a value")
                }
                return next
            }
            func seconds() throws -> Duration {
                let text = try value()
                guard let number = Double(text), number.isFinite, number >= 0 else {
                    throw UsageError("\(argument) needs a number of seconds, not '\(text)'")
                }
                return .nanoseconds(Int64(number * 1e9))
            }
            switch argument {
            case "-o", "--output":
                output = try value()
            case "--retries":
                let text = try value()
                guard let retries = Int(text), retries >= 0 else {
                    throw UsageError("--retries needs a whole number, not '\(text)'")
                }
                settings.retryPolicy.maximumRetries = retries
            case "--retry-delay":
                settings.retryPolicy.baseDelay = try seconds()
            case "--retry-max-delay":
                settings.retryPolicy.maximumDelay = try seconds()
            case "--stall-timeout":
                settings.stallTimeout = try seconds()
            case "-":
                fallthrough
            default:
                guard argument == "-" || !argument.hasPrefix("-") else {
                    throw UsageError("unknown option \(argument)")
                }
                guard reference == nil else {
                    throw UsageError("unexpected argument '\(argument)'")
                }
                reference = argument
            }
        }
    }

    func requireNoReference() throws {
        if let reference {
            throw UsageError("unexpected argument '\(reference)'")
        }
    }

    /// The reference's JSON: inline text, `@path`, `-` for standard input, or a bare URL.
    func referenceJSON() throws -> JSONValue {
        guard let reference else {
            throw UsageError("missing REFERENCE")
        }
        let lowercased = reference.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") {
            return .string(reference)
        }
        let data: Data
        if reference == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if reference.hasPrefix("@") {
            let path = String(reference.dropFirst())
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw UsageError("cannot read the reference file \(path)")
            }
            data = contents
        } else {
            data = Data(reference.utf8)
        }
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw UsageError("the reference is not valid JSON: \(error)")
        }
    }

    func makeContext() -> FetchContext {
        FetchContext(transfer: settings)
    }

    func makeReference() async throws -> any Reference {
        try await Self.fetcher.makeReference(from: try referenceJSON(), context: makeContext())
    }
}
