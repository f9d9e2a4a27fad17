import Fetcher
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress as one line on standard error, redrawn in place with `\r`: what is fetched, the
/// bytes received, the percentage, the rate and the time left.
///
/// The line is redrawn on every report and at every interval in between, so that the bytes and
/// the rate move even when the blob's size is unknown and no fraction is reported.
final class ProgressBar: ProgressDisplay {
    private struct Sample {
        var time: ContinuousClock.Instant
        var bytes: Int64
    }

    private struct State {
        var description: String?
        var fraction = 0.0
        var samples: [Sample] = []
        var started: ContinuousClock.Instant?
        var drawnLength = 0
        var ended = false
    }

    /// The span of the samples the rate is measured over.
    private static let rateWindow = Duration.seconds(5)

    private let bytes: @Sendable () -> Int64
    private let state = Mutex(State())
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    /// Starts a bar redrawn at least every `interval`.
    ///
    /// - Parameters:
    ///   - interval: The time between two redraws when no report comes.
    ///   - bytes: The bytes written to the output so far.
    init(interval: Duration, bytes: @escaping @Sendable () -> Int64) {
        self.bytes = bytes
        let period = max(interval, .milliseconds(50))
        ticker.withLock {
            $0 = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: period)
                    guard !Task.isCancelled, let bar = self else { return }
                    bar.draw()
                }
            }
        }
    }

    func report(description: String, fraction: Double) {
        state.withLock {
            $0.description = Redaction.redact(text: description)
            $0.fraction = fraction
        }
        draw()
    }

    /// Stops redrawing and ends the line, so that what follows starts on a line of its own.
    func end() {
        // Ended first: cancelling the ticker wakes it from its sleep, and the redraw it then
        // attempts must find the line already finished.
        state.withLock { state in
            guard !state.ended else { return }
            state.ended = true
            if state.drawnLength > 0 {
                StandardStream.error.write("\n")
            }
        }
        ticker.withLock { $0?.cancel() }
    }

    private func draw() {
        let received = bytes()
        state.withLock { state in
            guard !state.ended, let description = state.description else { return }
            let now = ContinuousClock.now
            let sample = Sample(time: now, bytes: received)
            state.started = state.started ?? now
            state.samples.append(sample)
            state.samples.removeAll { now - $0.time > Self.rateWindow }
            // Once done, the rate is the average over the whole fetch.
            let rate =
                state.fraction == 1
                ? Self.rate(from: Sample(time: state.started ?? now, bytes: 0), to: sample)
                : Self.rate(from: state.samples.first ?? sample, to: sample)
            let line = Self.line(
                description: description, fraction: state.fraction, bytes: received,
                rate: rate, width: Self.terminalWidth())
            let padding = String(repeating: " ", count: max(0, state.drawnLength - line.count))
            StandardStream.error.write("\r" + line + padding)
            state.drawnLength = line.count
        }
    }

    /// Bytes per second between two samples, or `nil` when they are too close to tell.
    private static func rate(from start: Sample, to end: Sample) -> Double? {
        let seconds = Double((end.time - start.time) / .milliseconds(1)) / 1000
        guard seconds >= 0.2 else { return nil }
        return Double(max(0, end.bytes - start.bytes)) / seconds
    }

    /// The line for a state, its description shortened from the left to fit `width`.
    private static func line(
        description: String, fraction: Double, bytes: Int64, rate: Double?, width: Int
    ) -> String {
        var fields = [ProgressText.size(Double(bytes))]
        // Without a size the fraction stays 0 until the end: no percentage is better than 0 %.
        if fraction > 0 {
            fields.append("\(Int((fraction * 100).rounded(.down)))%")
        }
        if let rate {
            fields.append("\(ProgressText.size(rate))/s")
        }
        if fraction > 0, fraction < 1, bytes > 0 {
            let remaining = Double(bytes) / fraction - Double(bytes)
            let seconds = rate.map { $0 > 0 ? remaining / $0 : .infinity } ?? .infinity
            fields.append("\(ProgressText.duration(seconds: seconds)) left")
        }
        let statistics = fields.joined(separator: "  ")
        let room = width - 1 - statistics.count - 2
        guard room >= 8 else {
            return String(statistics.prefix(max(0, width - 1)))
        }
        let shown =
            description.count <= room ? description : "…" + description.suffix(room - 1)
        return shown + "  " + statistics
    }

    /// The width of the terminal on standard error, 80 when unknown.
    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
