import FetcherTesting

/// `fetcher emulator`: a Taskcluster deployment on 127.0.0.1, seeded from a file, that serves
/// until SIGINT or SIGTERM.
///
/// Its root URL goes to standard output as one line as soon as it listens, so that a script
/// can start it in the background and read where it is.
struct EmulatorCommand {
    /// The most recent requests the emulator remembers, so that a long run stays small.
    static let requestLogLimit = 100

    /// The parsed command line.
    var invocation: Invocation

    /// Starts the emulator, prints its root URL and serves until the task is cancelled.
    ///
    /// - Throws: `TaskclusterEmulatorSeedError` when the seed file cannot be read or is not a
    ///   seed; `FaultServerError` when the port cannot be bound.
    func run() async throws {
        let emulator =
            if let seedFile = invocation.seedFile {
                try TaskclusterEmulator.load(
                    from: seedFile, port: invocation.emulatorPort,
                    requestLogLimit: Self.requestLogLimit)
            } else {
                try TaskclusterEmulator(
                    port: invocation.emulatorPort, requestLogLimit: Self.requestLogLimit)
            }
        defer { emulator.shutdown() }
        StandardStream.output.write(emulator.rootURL + "\n")
        // Returns once a signal cancels the command.
        await emulator.waitUntilShutdown()
    }
}
