import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a key's lock file, shared by every process using the cache.
///
/// The lock belongs to an open file description, so two opens of the file conflict even in
/// one process, and the kernel drops the lock when its holder dies: a waiter then takes it
/// over. A lock file may be deleted by its holder; whoever locked the deleted file sees that
/// the name now leads elsewhere and locks again.
final class KeyLock: Sendable {
    /// The longest pause between two tries while another holder keeps the lock.
    static let longestPause = Duration.milliseconds(50)

    private let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Waits for the lock and takes it.
    ///
    /// Other holders are polled, with pauses growing from 1 ms to ``longestPause``; only one
    /// task per key and process waits here, the others wait for its transfer.
    ///
    /// - Parameter path: The lock file, created if missing.
    /// - Returns: The held lock.
    /// - Throws: `CancellationError` when the task is cancelled, or ``SystemCallError``.
    static func acquire(_ path: String) async throws -> KeyLock {
        var pause = Duration.milliseconds(1)
        while true {
            try Task.checkCancellation()
            if let lock = try tryAcquire(path) {
                return lock
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, longestPause)
        }
    }

    /// Takes the lock if nobody holds it.
    ///
    /// - Parameter path: The lock file, created if missing.
    /// - Returns: The held lock, or `nil` when another holder has it.
    /// - Throws: ``SystemCallError`` when the file cannot be opened or locked.
    static func tryAcquire(_ path: String) throws -> KeyLock? {
        while true {
            let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                if errno == EINTR { continue }
                throw SystemCallError("open \(path)")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(descriptor)
                switch code {
                case EWOULDBLOCK: return nil
                case EINTR: continue
                default: throw SystemCallError("flock \(path)", code: code)
                }
            }
            // The holder before may have deleted the file after this open: lock the new one.
            let locked = try? FileIdentity(descriptor: descriptor)
            guard let locked, locked == FileIdentity(path: path) else {
                close(descriptor)
                continue
            }
            return KeyLock(path: path, descriptor: descriptor)
        }
    }

    /// Releases the lock; releasing it again does nothing.
    func release() {
        descriptor.withLock { descriptor in
            if let open = descriptor {
                close(open)
                descriptor = nil
            }
        }
    }

    /// Deletes the lock file, then releases the lock.
    func releaseDeletingFile() {
        descriptor.withLock { descriptor in
            if let open = descriptor {
                unlink(path)
                close(open)
                descriptor = nil
            }
        }
    }
}
