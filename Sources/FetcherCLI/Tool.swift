import Fetcher

/// Runs one invocation of the tool: parses the arguments, runs the command, reports errors.
struct Tool {
    /// The signals that cancel the command.
    var interruption: Interruption

    /// Runs the command the arguments name.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The exit code: ``ExitCode/success``, or the code for the error or signal that
    ///   stopped the command (after its message is printed on standard error).
    func run(_ arguments: [String]) async -> ExitCode {
        do {
            let invocation = try Invocation(parsing: arguments)
            switch invocation.action {
            case .help:
                StandardStream.output.write(HelpText.text)
            case .version:
                StandardStream.output.write("fetcher \(FetcherVersion.current)\n")
            case .run(let command):
                try await run(command, invocation)
            }
            return .success
        } catch {
            if let signal = interruption.received {
                StandardStream.error.write("fetcher: \(Interruption.message(for: signal))\n")
                return signal.exitCode
            }
            return Diagnostics.report(error)
        }
    }

    private func run(_ command: ToolCommand, _ invocation: Invocation) async throws {
        switch command {
        case .fetch:
            try await FetchCommand(invocation: invocation).run()
        case .hashKey:
            let reference = try await invocation.makeReference()
            StandardStream.output.write(reference.hashKey + "\n")
        case .scopes:
            let reference = try await invocation.makeReference()
            let lines = reference.scopes.map {
                JSONValue.array($0.map(JSONValue.string)).serialized() + "\n"
            }
            StandardStream.output.write(lines.joined())
        case .schema:
            let schema = KnownFetchers.combined.schema.jsonSchemaDocument
            StandardStream.output.write(schema.serialized(pretty: true) + "\n")
        case .cacheList, .cachePrune, .cacheClear:
            try CacheCommand(invocation: invocation).run()
        case .emulator:
            try await EmulatorCommand(invocation: invocation).run()
        }
    }
}
