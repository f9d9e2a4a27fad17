import Fetcher
import Foundation

/// Parses the arguments and runs the command they name.
enum Command {
    static let usage = """
        usage: fetcher fetch REFERENCE [-o FILE] [options]
               fetcher hash-key REFERENCE
               fetcher scopes REFERENCE
               fetcher schema

        Fetches blobs named by JSON references: a URL, or a URL with the digests its bytes
        must have.

        REFERENCE is JSON text, @PATH for a file holding it, or - for standard input; a bare
        http(s):// URL is taken as a URL reference.

        commands:
          fetch      fetch the blob to FILE (replaced only once verified) or standard output
          hash-key   print the reference's hash key
          scopes     print the scope sets that grant access, one per line
          schema     print the JSON Schema of every kind of reference

        options:
          -o, --output FILE        where to write the blob (default: standard output)
          --retries N              retries after the first try (default 8)
          --retry-delay SECONDS    the delay before the first retry (default 0.2)
          --retry-max-delay SECONDS  the longest delay between tries (default 60)
          --stall-timeout SECONDS  give up a transfer that receives nothing for this long (60)
          -h, --help               show this help
          --version                show the version

        exit codes:
          0    success
          1    failed after retries
          2    usage error, or a reference that matches no kind of reference
          3    broken reference (missing, refused, or not matching its digests)
          4    access denied
          130  interrupted (SIGINT); 143 terminated (SIGTERM)
        """

    static func run(_ arguments: [String]) async -> ExitCode {
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print(usage)
            return .success
        }
        if arguments == ["--version"] {
            print("fetcher \(FetcherVersion.current)")
            return .success
        }
        do {
            let options = try Options(parsing: Array(arguments.dropFirst()))
            switch arguments[0] {
            case "fetch":
                return try await FetchCommand(options: options).run()
            case "hash-key":
                let reference = try await options.makeReference()
                print(reference.hashKey)
            case "scopes":
                let reference = try await options.makeReference()
                for set in reference.scopes {
                    print(set.joined(separator: " "))
                }
            case "schema":
                try options.requireNoReference()
                print(Options.fetcher.schema.jsonSchemaDocument.serialized(pretty: true))
            default:
                throw UsageError("unknown command '\(arguments[0])'")
            }
            return .success
        } catch {
            return Diagnostics.report(error)
        }
    }
}
