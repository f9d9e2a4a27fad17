import Glibc

/// Starts and joins the POSIX threads that run a server's listener and connections.
///
/// Server threads block `SIGPIPE`: a write to a socket whose peer has gone then fails with
/// `EPIPE` instead of stopping the whole process. This also covers writes made by libssl.
enum ServerThread {
    /// The closure a new thread runs, passed through `pthread_create`'s context pointer.
    private final class Body {
        let run: @Sendable () -> Void

        init(run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// Starts a thread that runs `body`; it must be joined with ``join(_:)``.
    /// - Parameter body: The work of the thread.
    /// - Returns: The thread, or `nil` when the system could not start one.
    static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(Body(run: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &blocked, nil)
                body.run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// Waits for a thread to end; a thread asking to join itself is detached instead.
    /// - Parameter thread: A thread from ``start(_:)``, not joined before.
    static func join(_ thread: pthread_t) {
        if pthread_equal(thread, pthread_self()) != 0 {
            pthread_detach(thread)
        } else {
            pthread_join(thread, nil)
        }
    }
}
