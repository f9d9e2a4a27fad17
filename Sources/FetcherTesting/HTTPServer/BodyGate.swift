import Synchronization

/// Lets a test decide how much of a response body a ``FaultServer`` may send: the server sends
/// no body byte past the gate's limit, and waits there until the test opens the gate further.
/// The limit is a position in the full body, so a range request for the rest of a body is held
/// at the same byte as the first request was.
///
/// A test that paces a body by what the client has shown it received watches the transfer step
/// by step, however busy the machine is and however the client groups what arrives.
public final class BodyGate: Sendable {
    private let limit: Mutex<Int>

    /// Makes a gate.
    /// - Parameter bytes: How many body bytes may be sent before the test opens it further.
    public init(openTo bytes: Int = 0) {
        limit = Mutex(max(0, bytes))
    }

    /// Lets the body be sent up to `bytes` in all; a smaller limit than the current one is
    /// ignored, so a gate never closes again.
    /// - Parameter bytes: How many body bytes may be sent in all.
    public func open(to bytes: Int) {
        limit.withLock { $0 = max($0, bytes) }
    }

    /// Lets the rest of the body go.
    public func openFully() {
        open(to: .max)
    }

    /// How many body bytes may be sent in all, now.
    public var openedTo: Int {
        limit.withLock { $0 }
    }
}
