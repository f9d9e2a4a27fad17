import Fetcher
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output as a fetch target.
///
/// When standard output is a regular file, a reset truncates it back to where the blob started
/// (after any bytes it held before, which matters for `>>`) and seeks there. A pipe or a
/// terminal cannot take bytes back: a reset after bytes were written there is remembered, and
/// the next write, or ``finish()``, throws ``OutputRestartError``. The reset itself does not
/// throw, because the fetch also resets its target when it fails for good, and then its own
/// error, not this one, is what the user needs to see.
final class StandardOutputTarget: WriteResetter {
    private struct State {
        /// Bytes written since the blob started.
        var written: Int64 = 0

        /// The bytes written before a reset that could not be undone, if there was one.
        var lostOnReset: Int64?
    }

    private let descriptor = STDOUT_FILENO

    /// The offset where the blob starts, when standard output is a regular file.
    private let seekableStart: off_t?

    private let state = Mutex(State())

    init() {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            seekableStart = nil
            return
        }
        if fcntl(descriptor, F_GETFL) & O_APPEND != 0 {
            seekableStart = status.st_size
        } else {
            let offset = lseek(descriptor, 0, SEEK_CUR)
            seekableStart = offset >= 0 ? offset : nil
        }
    }

    /// Writes `bytes` to standard output.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: ``OutputRestartError`` after a reset that could not be undone;
    ///   ``OutputFileError`` when the write fails.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            if let lost = state.lostOnReset {
                throw OutputRestartError(bytesWritten: lost)
            }
            do {
                try StandardStream.write(bytes, to: descriptor)
            } catch let error as SystemCallError {
                throw OutputFileError(action: "write to", path: "standard output", code: error.code)
            }
            state.written += Int64(bytes.count)
        }
    }

    /// Takes back everything written, if standard output is a regular file; otherwise
    /// remembers that the bytes written so far cannot be taken back.
    ///
    /// - Throws: ``OutputFileError`` when the truncation or the seek fails.
    func reset() throws {
        try state.withLock { state in
            guard state.written > 0 else { return }
            guard let start = seekableStart else {
                state.lostOnReset = state.written
                return
            }
            guard ftruncate(descriptor, start) == 0, lseek(descriptor, start, SEEK_SET) == start
            else {
                throw OutputFileError(action: "rewind", path: "standard output", code: errno)
            }
            state.written = 0
        }
    }

    /// Checks, once the fetch succeeded, that standard output holds the blob and nothing else.
    ///
    /// - Throws: ``OutputRestartError`` when a reset could not be undone.
    func finish() throws {
        if let lost = state.withLock({ $0.lostOnReset }) {
            throw OutputRestartError(bytesWritten: lost)
        }
    }
}
