import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into the cancellation of the running command, so that it can stop
/// its transfer and remove its temporary files before the tool exits with 130 or 143.
///
/// A second signal, or a command that has not stopped within ``gracePeriod``, makes the tool
/// remove the registered temporary files and exit at once.
final class Interruption: Sendable {
    /// A signal the tool handles.
    struct Signal: Sendable {
        /// The signal's number.
        var number: Int32

        /// The signal's name, such as `SIGINT`.
        var name: String

        /// The exit code after it.
        var exitCode: ExitCode
    }

    /// The signals handled.
    static let signals = [
        Signal(number: SIGINT, name: "SIGINT", exitCode: .interrupted),
        Signal(number: SIGTERM, name: "SIGTERM", exitCode: .terminated),
    ]

    /// How long a cancelled command may take to clean up before the tool exits anyway.
    static let gracePeriod = DispatchTimeInterval.seconds(5)

    private struct State {
        var received: Signal?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    // Written only in `init`, then never read: it only keeps the sources alive.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    /// Starts watching the signals; from now on they no longer end the process by themselves.
    init() {
        let queue = DispatchQueue(label: "fetcher.signals")
        var sources: [any DispatchSourceSignal] = []
        for handled in Self.signals {
            // The source sees the signal once its default action is off.
            signal(handled.number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: handled.number, queue: queue)
            source.setEventHandler { [weak self] in
                self?.handle(handled)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// The first signal received, if any.
    var received: Signal? {
        state.withLock { $0.received }
    }

    /// Sets what a signal does: cancel the running command. If a signal came already, `cancel`
    /// runs at once.
    ///
    /// - Parameter cancel: Cancels the command.
    func onSignal(_ cancel: @escaping @Sendable () -> Void) {
        let alreadyReceived = state.withLock { state in
            state.cancel = cancel
            return state.received != nil
        }
        if alreadyReceived {
            cancel()
        }
    }

    private func handle(_ signal: Signal) {
        let (first, cancel) = state.withLock { state in
            let first = state.received == nil
            state.received = state.received ?? signal
            return (first, state.cancel)
        }
        guard first else {
            Self.exitNow(signal)
        }
        cancel?()
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.gracePeriod) {
            Self.exitNow(signal)
        }
    }

    /// Removes the temporary files and exits without waiting for the command.
    private static func exitNow(_ signal: Signal) -> Never {
        TemporaryFiles.shared.removeAll()
        StandardStream.error.write("fetcher: \(message(for: signal))\n")
        _exit(signal.exitCode.rawValue)
    }

    /// What the tool says when a signal stopped it.
    ///
    /// - Parameter signal: The signal.
    /// - Returns: A sentence without the `fetcher:` prefix.
    static func message(for signal: Signal) -> String {
        signal.exitCode == .interrupted
            ? "interrupted by \(signal.name)" : "terminated by \(signal.name)"
    }
}
