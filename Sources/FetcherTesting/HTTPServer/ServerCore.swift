import Glibc
import Synchronization

/// The machinery behind a ``FaultServer``: the listener, the threads, the connections, the
/// routes and the log. Its threads hold it alive; the ``FaultServer`` that users hold shuts
/// it down when it goes away.
final class ServerCore: Sendable {
    /// The longest wait for the next request on an idle connection, in seconds.
    static let idleLimit = 300

    let port: Int
    let tls: TLSContext?
    let signal: ShutdownSignal
    let records: Mutex<ServerRecords>
    private let listener: Int32
    private let registry = Mutex(ConnectionRegistry())

    /// Opens the listener and starts accepting connections.
    /// - Parameters:
    ///   - port: The port to bind, or 0 for an ephemeral one.
    ///   - tls: The identity for HTTPS, or `nil` for plain HTTP.
    ///   - logLimit: The most requests to keep in the log, or `nil` for all.
    /// - Throws: ``FaultServerError`` when the socket, TLS or thread set-up fails.
    init(port: Int, tls: TLSIdentity?, logLimit: Int?) throws {
        self.tls = try tls.map { try TLSContext(identity: $0) }
        self.signal = try ShutdownSignal()
        (listener, self.port) = try LoopbackSocket.listen(port: port)
        var records = ServerRecords()
        records.logLimit = logLimit
        self.records = Mutex(records)
        guard let thread = ServerThread.start({ self.acceptLoop() }) else {
            close(listener)
            throw FaultServerError(kind: .thread, description: "cannot start the listener thread")
        }
        registry.withLock { $0.listenerThread = thread }
    }

    /// Stops everything: wakes all waits, closes the listener and every connection, and joins
    /// every thread. A second call returns at once.
    func shutdown() {
        guard signal.trigger() else {
            return
        }
        if let listenerThread = registry.withLock({ $0.listenerThread }) {
            ServerThread.join(listenerThread)
            close(listener)
        }
        let threads = registry.withLock { registry in
            registry.isClosed = true
            for descriptor in registry.openSockets.values {
                Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
            }
            let threads = Array(registry.runningThreads.values) + registry.endedThreads
            registry.runningThreads = [:]
            registry.endedThreads = []
            return threads
        }
        for thread in threads {
            ServerThread.join(thread)
        }
    }

    /// Adds body bytes sent to the count of a path.
    func countBodyBytes(_ count: Int, path: String) {
        records.withLock { $0.bodyBytesSent[path, default: 0] += count }
    }

    /// Accepts connections until shutdown, starting a thread for each.
    private func acceptLoop() {
        while true {
            let outcome = signal.wait(for: listener, events: Int16(POLLIN), until: nil)
            guard outcome == .ready else {
                return
            }
            joinEndedThreads()
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else {
                if [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(errno) {
                    _ = signal.sleep(for: .milliseconds(20))
                }
                continue
            }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            LoopbackSocket.configureAccepted(descriptor, idleLimit: Self.idleLimit)
            startConnection(descriptor)
        }
    }

    /// Registers a connection and starts its thread; closes the socket if that fails.
    private func startConnection(_ descriptor: Int32) {
        registry.withLock { registry in
            let number = registry.nextConnection
            guard !registry.isClosed,
                let thread = ServerThread.start({
                    ServerConnection(core: self, number: number, descriptor: descriptor).run()
                })
            else {
                close(descriptor)
                return
            }
            registry.nextConnection += 1
            registry.openSockets[number] = descriptor
            registry.runningThreads[number] = thread
        }
    }

    /// Closes a connection's socket and marks its thread as ended; called by that thread last.
    func connectionEnded(_ number: Int) {
        registry.withLock { registry in
            if let descriptor = registry.openSockets.removeValue(forKey: number) {
                close(descriptor)
            }
            if let thread = registry.runningThreads.removeValue(forKey: number) {
                registry.endedThreads.append(thread)
            }
        }
    }

    /// The number of connections whose socket is still open.
    var openConnectionCount: Int {
        registry.withLock { $0.openSockets.count }
    }

    /// The number of connections accepted so far.
    var connectionCount: Int {
        registry.withLock { $0.nextConnection }
    }

    /// Joins the threads of ended connections, so that they do not pile up.
    private func joinEndedThreads() {
        let ended = registry.withLock { registry in
            let ended = registry.endedThreads
            registry.endedThreads = []
            return ended
        }
        for thread in ended {
            ServerThread.join(thread)
        }
    }
}
