import Fetcher
import Foundation
import Testing

struct CommandLineUsageTests {
    @Test func badJSONIsAUsageError() async throws {
        let result = try await FetcherProcess.run(["fetch", #"{"url": }"#])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: cannot parse the reference: invalid JSON at byte 8: expected a "
                + "value but found '}' (give JSON text, @FILE, - for standard input, or an "
                + "http(s) URL)\n")
    }

    @Test func badJSONOnStandardInputIsAUsageError() async throws {
        let result = try await FetcherProcess.run(["hash-key", "-"], input: Array("[1,".utf8))
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: cannot parse the reference from standard input: invalid JSON at "
                + "byte 3: unexpected end of input, expected a value\n")
    }

    @Test func aReferenceMatchingNoSchemaListsEveryReason() async throws {
        let result = try await FetcherProcess.run(["fetch", #"{"url": 5}"#])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error == """
                fetcher: the reference matches none of the 4 kinds of reference:
                  - URL:
                      (root): expected a string, got an object
                  - URL with hashes:
                      /url: expected a string, got an integer
                  - Artifact:
                      /artifact: required property is missing
                      /taskId: required property is missing
                      /url: property is not allowed
                  - Index:
                      /artifact: required property is missing
                      /namespace: required property is missing
                      /url: property is not allowed

                """)
    }

    @Test func anUnknownOptionIsAUsageErrorWithTheHint() async throws {
        let result = try await FetcherProcess.run(["fetch", "https://example.com/", "--fast"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(
            result.error
                == "fetcher: unknown option '--fast'\nRun 'fetcher --help' for usage.\n")
    }

    @Test(arguments: [
        ([], "missing command: fetch, hash-key, scopes, schema, cache or emulator"),
        (["download", "x"], "unknown command 'download'"),
        (["fetch"], "'fetch' needs a REFERENCE"),
        (["schema", "x"], "unexpected argument 'x'"),
        (["fetch", "a", "b"], "unexpected argument 'b'"),
        (["fetch", "x", "--retries"], "option --retries needs a value (N)"),
        (
            ["fetch", "x", "--retries", "-1"],
            "option --retries needs a whole number from 0 to 1000000, not '-1'"
        ),
        (
            ["fetch", "x", "--stall-timeout=0"],
            "option --stall-timeout needs a number of seconds above 0 up to 1000000, not '0'"
        ),
        (
            ["fetch", "x", "--retry-delay", "1e300"],
            "option --retry-delay needs a number of seconds from 0 up to 1000000, not '1e300'"
        ),
        (
            ["fetch", "x", "--progress", "dots"],
            "option --progress needs auto, bar, json or none, not 'dots'"
        ),
        (["fetch", "x", "--quiet=yes"], "option --quiet takes no value"),
        (["hash-key", "x", "-o", "file"], "option -o does not apply to 'hash-key'"),
        (["emulator", "x"], "unexpected argument 'x'"),
        (["emulator", "--root-url", "http://h"], "option --root-url does not apply to 'emulator'"),
        (["fetch", "x", "--port", "1"], "option --port does not apply to 'fetch'"),
        (
            ["emulator", "--port", "65536"],
            "option --port needs a whole number from 0 to 65535, not '65536'"
        ),
        (
            ["fetch", "x", "--root-url", "tc.example.com"],
            "option --root-url needs an http:// or https:// URL such as "
                + "https://tc.example.com, not 'tc.example.com'"
        ),
        (
            ["scopes", "x", "--root-url=https://tc.example.com/?a=b"],
            "option --root-url needs an http:// or https:// URL such as "
                + "https://tc.example.com, not 'https://tc.example.com/?a=b'"
        ),
        (
            ["fetch", "x", "--cacert", "/nonexistent/ca.pem"],
            "option --cacert cannot read /nonexistent/ca.pem: No such file or directory"
        ),
    ])
    func commandLineMistakesAreUsageErrors(arguments: [String], message: String) async throws {
        let result = try await FetcherProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error == "fetcher: \(message)\nRun 'fetcher --help' for usage.\n")
    }

    @Test func helpListsTheCommandsOptionsAndExitCodes() async throws {
        let result = try await FetcherProcess.run(["fetch", "--help"])
        #expect(result.status == 0)
        #expect(result.error == "")
        let help = result.outputText
        for command in [
            "fetch", "hash-key", "scopes", "schema", "cache list", "cache prune", "cache clear",
            "emulator",
        ] {
            #expect(help.contains("\n  \(command) "))
        }
        for option in [
            "-o, --output FILE", "--retries N", "--retry-delay SECONDS",
            "--retry-max-delay SECONDS",
            "--stall-timeout SECONDS", "--connect-timeout SECONDS", "--progress MODE",
            "--progress-interval SECONDS", "-q, --quiet", "-h, --help", "--version",
            "--root-url URL", "--cacert FILE", "--port N", "--data FILE", "--cache DIR",
            "--scopes SCOPE", "--cache-verify WHEN", "--max-size SIZE", "--json",
        ] {
            #expect(help.contains("\n  \(option) "))
        }
        for code in [0, 1, 2, 3, 4, 130, 143] {
            #expect(help.contains("\n  \(code) "))
        }
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func versionPrintsTheLibraryVersion() async throws {
        let result = try await FetcherProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.outputText == "fetcher \(FetcherVersion.current)\n")
        #expect(result.error == "")
    }
}
