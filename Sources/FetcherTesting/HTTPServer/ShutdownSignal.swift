import Glibc
import Synchronization

/// A one-way switch that wakes every thread of a server waiting in `poll`.
///
/// It is a pipe that is written once and never read: after ``trigger()`` its read end stays
/// readable, so every present and future `poll` that includes it returns at once.
final class ShutdownSignal: Sendable {
    /// What ended a wait.
    enum Outcome: Equatable {
        /// The watched descriptor reported one of the awaited events.
        case ready
        /// The deadline passed.
        case timedOut
        /// The server is shutting down.
        case shutdown
    }

    private let readEnd: Int32
    private let writeEnd: Int32
    private let triggered = Atomic<Bool>(false)

    /// Makes the pipe.
    /// - Throws: ``FaultServerError`` when the system has no descriptor left.
    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw FaultServerError(kind: .socket, description: "pipe failed: \(errnoText())")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Whether ``trigger()`` was called.
    var isTriggered: Bool { triggered.load(ordering: .acquiring) }

    /// Flips the switch and wakes every waiter.
    /// - Returns: `false` when it had already been triggered.
    @discardableResult
    func trigger() -> Bool {
        let (exchanged, _) = triggered.compareExchange(
            expected: false, desired: true, ordering: .acquiringAndReleasing)
        guard exchanged else {
            return false
        }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
        return true
    }

    /// Waits until `descriptor` reports one of `events`, the deadline passes, or the server
    /// shuts down, whichever comes first.
    /// - Parameters:
    ///   - descriptor: The descriptor to watch, or `nil` to only sleep.
    ///   - events: `poll` events such as `POLLIN`.
    ///   - deadline: When to give up; `nil` waits without limit.
    /// - Returns: What ended the wait.
    func wait(
        for descriptor: Int32?, events: Int16, until deadline: ContinuousClock.Instant?
    ) -> Outcome {
        while true {
            if isTriggered {
                return .shutdown
            }
            var timeout: Int32 = -1
            if let deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else {
                    return .timedOut
                }
                timeout = Self.milliseconds(remaining)
            }
            var watched = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            if let descriptor {
                watched.append(pollfd(fd: descriptor, events: events, revents: 0))
            }
            let count = poll(&watched, nfds_t(watched.count), timeout)
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                return .shutdown
            }
            if watched[0].revents != 0 {
                return .shutdown
            }
            if watched.count > 1, watched[1].revents != 0 {
                return .ready
            }
        }
    }

    /// Sleeps for `duration` unless the server shuts down first.
    /// - Parameter duration: How long to sleep.
    /// - Returns: `false` when woken by shutdown.
    func sleep(for duration: Duration) -> Bool {
        wait(for: nil, events: 0, until: .now + duration) == .timedOut
    }

    /// A positive duration in whole milliseconds, rounded up, within `Int32`.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow, millis.partialValue < Int64(Int32.max) - 1 else {
            return Int32.max
        }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(millis.partialValue + fraction)
    }
}
