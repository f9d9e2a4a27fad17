import Foundation
import Synchronization
import Testing

/// What a run of the `fetcher` executable produced.
struct FetcherResult: Sendable {
    /// The exit status (for a process that exited), or the signal that ended it.
    var status: Int32

    /// Whether the process ended by exiting rather than by an uncaught signal.
    var exited: Bool

    /// Everything written to standard output.
    var output: [UInt8]

    /// Everything written to standard error, as UTF-8 text.
    var error: String

    /// Standard output as UTF-8 text.
    var outputText: String {
        String(decoding: output, as: UTF8.self)
    }
}

/// The built `fetcher` executable, run with pipes for its standard streams.
///
/// The test target does not depend on the executable, so `swift build` must have built it
/// first; it is looked for beside the test bundle, then in the package's `.build/debug`.
final class FetcherProcess: Sendable {
    /// Where the executable was found.
    static let executable: URL? = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("fetcher"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("fetcher"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/fetcher"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The executable, or a test failure telling how to build it.
    static func requireExecutable() throws -> URL {
        try #require(
            executable,
            "the fetcher executable was not found beside the tests; run `swift build` first")
    }

    private let process: Process
    private let collected = Mutex<(output: Data, error: Data)>((Data(), Data()))
    private let finished = DispatchGroup()
    private let inputLeftOpen: FileHandle?

    /// Starts `fetcher` with `arguments`.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the program name.
    ///   - input: What to write to its standard input before closing it; nothing by default,
    ///     and `nil` leaves standard input open and empty until the process ends.
    ///   - directory: Its working directory; the current one by default.
    ///   - environment: Variables to set on top of the inherited ones, from which every proxy,
    ///     `TASKCLUSTER_*` and `FETCHER_*` variable is removed.
    ///   - program: Another program to run instead, such as a shell that runs `fetcher`.
    init(
        _ arguments: [String], input: [UInt8]? = [], directory: URL? = nil,
        environment extra: [String: String] = [:], program: URL? = nil
    ) throws {
        let process = Process()
        process.executableURL = try program ?? Self.requireExecutable()
        process.arguments = arguments
        if let directory {
            process.currentDirectoryURL = directory
        }
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.lowercased().hasSuffix("_proxy") && !$0.key.hasPrefix("TASKCLUSTER_")
                && !$0.key.hasPrefix("FETCHER_")
        }
        environment["NO_PROXY"] = "127.0.0.1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        for pipe in [inputPipe, outputPipe, errorPipe] {
            // Tests run at once: without close-on-exec, another test's child would inherit
            // these pipes and hold them open, delaying their end of file until it exits. The
            // child's own copies (standard input, output and error) are not affected.
            for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
                _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        self.process = process
        self.inputLeftOpen = input == nil ? inputPipe.fileHandleForWriting : nil
        finished.enter()
        process.terminationHandler = { [finished] _ in finished.leave() }
        try process.run()
        for (pipe, isOutput) in [(outputPipe, true), (errorPipe, false)] {
            finished.enter()
            // A thread of its own: blocking reads on Dispatch's few shared threads would
            // make the tests running at once wait for each other.
            Thread { [self] in
                // Plain read(2), which returns what has arrived: Foundation's reads wait for
                // the end of file, and a running emulator's root URL is needed before that.
                let descriptor = pipe.fileHandleForReading.fileDescriptor
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = buffer.withUnsafeMutableBytes {
                        read(descriptor, $0.baseAddress, $0.count)
                    }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { break }
                    collected.withLock {
                        if isOutput {
                            $0.output.append(contentsOf: buffer[..<count])
                        } else {
                            $0.error.append(contentsOf: buffer[..<count])
                        }
                    }
                }
                finished.leave()
            }.start()
        }
        let writer = inputPipe.fileHandleForWriting
        if let input {
            Thread {
                try? writer.write(contentsOf: Data(input))
                try? writer.close()
            }.start()
        }
    }

    /// What the process has written to standard output so far.
    var outputSoFar: String {
        String(decoding: collected.withLock { $0.output }, as: UTF8.self)
    }

    /// What the process has written to standard error so far.
    var errorSoFar: String {
        String(decoding: collected.withLock { $0.error }, as: UTF8.self)
    }

    /// Whether the process is still running.
    var isRunning: Bool {
        process.isRunning
    }

    /// The process id.
    var processIdentifier: Int32 {
        process.processIdentifier
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Whether the process has a handler for `signal` now (from `/proc`, so Linux only).
    func catches(_ signal: Int32) -> Bool {
        let status = try? String(
            contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let line = status?.split(separator: "\n").first { $0.hasPrefix("SigCgt:") }
        let digits = line?.dropFirst("SigCgt:".count).filter { !$0.isWhitespace } ?? ""
        guard let mask = UInt64(digits, radix: 16) else {
            return false
        }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    /// Waits for the process to end and its output to be read.
    ///
    /// - Returns: The exit status and the output.
    func result() async -> FetcherResult {
        await withCheckedContinuation { continuation in
            finished.notify(queue: .global()) { [self] in
                let (output, error) = collected.withLock { $0 }
                continuation.resume(
                    returning: FetcherResult(
                        status: process.terminationStatus,
                        exited: process.terminationReason == .exit,
                        output: Array(output),
                        error: String(decoding: error, as: UTF8.self)))
            }
        }
    }

    /// Runs a shell script to its end, with the executable's path in `$FETCHER`.
    ///
    /// - Parameter script: The script, for `/bin/sh -c`.
    /// - Returns: The shell's exit status and output.
    static func runShell(_ script: String) async throws -> FetcherResult {
        let fetcher = try requireExecutable().path
        return try await FetcherProcess(
            ["-c", "FETCHER='\(fetcher)'; \(script)"], program: URL(fileURLWithPath: "/bin/sh")
        ).result()
    }

    /// Runs `fetcher` with `arguments` to its end.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the program name.
    ///   - input: What its standard input holds.
    ///   - directory: Its working directory.
    ///   - environment: Variables to set, such as `TASKCLUSTER_ROOT_URL`.
    /// - Returns: The exit status and the output.
    static func run(
        _ arguments: [String], input: [UInt8] = [], directory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> FetcherResult {
        try await FetcherProcess(
            arguments, input: input, directory: directory, environment: environment
        ).result()
    }
}

/// Polls `condition` every 10 ms until it holds or 10 s have passed.
///
/// - Parameter condition: What to wait for.
/// - Returns: Whether it held in time.
func eventually(_ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// A new empty folder for one test, removed by `body`'s end.
func withTemporaryFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fetcher-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// The names in `folder`, hidden ones included, sorted.
func contents(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}
