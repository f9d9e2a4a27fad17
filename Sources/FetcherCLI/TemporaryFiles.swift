import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files this process has open, so that a forced exit can still remove them.
final class TemporaryFiles: Sendable {
    /// The process's registry.
    static let shared = TemporaryFiles()

    private let paths = Mutex<Set<String>>([])

    /// Records a temporary file that exists now.
    func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// Forgets a file that was removed or renamed.
    func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// Removes every registered file, for an exit that cannot wait for the normal clean-up.
    func removeAll() {
        paths.withLock { paths in
            for path in paths {
                unlink(path)
            }
            paths.removeAll()
        }
    }
}
