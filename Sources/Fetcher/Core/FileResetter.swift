#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``WriteResetter`` over an open file descriptor: a reset truncates the file to 0 bytes and
/// moves the offset back to 0.
///
/// The descriptor must be open for writing and seekable. The resetter never closes a descriptor
/// it was given; one it opened itself (``init(creatingFileAt:)``) it closes when released.
public final class FileResetter: WriteResetter {
    /// The descriptor written to.
    public let fileDescriptor: Int32
    private let ownsDescriptor: Bool

    /// Wraps a descriptor the caller owns and closes.
    ///
    /// - Parameter fileDescriptor: A descriptor open for writing on a seekable file.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        self.ownsDescriptor = false
    }

    /// Creates (or truncates) the file at `path` and writes to it.
    ///
    /// - Parameters:
    ///   - path: The file to create.
    ///   - permissions: The mode of a newly created file, before the umask.
    /// - Throws: ``SystemCallError`` when the file cannot be opened.
    public init(creatingFileAt path: String, permissions: mode_t = 0o644) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw SystemCallError("open \(path)")
        }
        self.fileDescriptor = descriptor
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor {
            close(fileDescriptor)
        }
    }

    /// Writes all of `bytes` at the current offset, retrying short and interrupted writes.
    ///
    /// - Parameter bytes: The bytes to write.
    /// - Throws: ``SystemCallError`` when the write fails (for example a full disk).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(fileDescriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("write")
            }
            next += written
            remaining -= written
        }
    }

    /// Truncates the file to 0 bytes and seeks to its start.
    ///
    /// - Throws: ``SystemCallError`` when the truncation or the seek fails.
    public func reset() throws {
        guard ftruncate(fileDescriptor, 0) == 0 else {
            throw SystemCallError("truncate")
        }
        guard lseek(fileDescriptor, 0, SEEK_SET) == 0 else {
            throw SystemCallError("seek")
        }
    }
}
