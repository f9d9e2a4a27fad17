import Glibc

/// The threads and open sockets of a server, kept inside a `Mutex` by ``ServerCore``.
///
/// A connection's socket is closed only while the lock is held, so that shutdown never
/// shuts down a descriptor number that was closed and handed out again.
struct ConnectionRegistry {
    /// The thread accepting connections, until shutdown joins it.
    var listenerThread: pthread_t?

    /// Open connection sockets by connection number.
    var openSockets: [Int: Int32] = [:]

    /// Threads of connections still running, by connection number.
    var runningThreads: [Int: pthread_t] = [:]

    /// Threads of connections that ended and wait to be joined.
    var endedThreads: [pthread_t] = []

    /// The number the next connection gets.
    var nextConnection = 0

    /// Set by shutdown: no new connection is started.
    var isClosed = false
}
