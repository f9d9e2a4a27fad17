import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file-system calls of the cache, with `EINTR` retried and failures thrown as
/// ``SystemCallError``.
enum CacheFiles {
    /// `UTIME_OMIT`, which the C headers define with a macro Swift does not import.
    private static let timeOmitted = (1 << 30) - 2

    /// `UTIME_NOW`, likewise.
    private static let timeNow = (1 << 30) - 1

    /// Opens `path` for reading, or returns `nil` when nothing is there.
    ///
    /// - Parameters:
    ///   - path: The file or directory.
    ///   - directory: Whether `path` must be a directory.
    ///   - relativeTo: A directory descriptor that a relative `path` starts from.
    /// - Returns: The descriptor, which the caller closes.
    /// - Throws: ``SystemCallError`` for any failure but a missing file.
    static func openForReading(
        _ path: String, directory: Bool = false, relativeTo base: Int32 = AT_FDCWD
    ) throws -> Int32? {
        var flags = O_RDONLY | O_CLOEXEC
        if directory {
            flags |= O_DIRECTORY
        }
        while true {
            let descriptor = openat(base, path, flags)
            if descriptor >= 0 {
                return descriptor
            }
            switch errno {
            case EINTR: continue
            case ENOENT, ENOTDIR: return nil
            default: throw SystemCallError("open \(path)")
            }
        }
    }

    /// Creates a directory unless one is already there.
    ///
    /// - Parameter path: The directory.
    /// - Throws: ``SystemCallError`` when it cannot be created.
    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw SystemCallError("mkdir \(path)")
        }
    }

    /// Flushes a directory's entries (new and renamed names) to the storage device.
    ///
    /// - Parameter path: The directory.
    /// - Throws: ``SystemCallError`` when it cannot be opened or flushed.
    static func synchronizeDirectory(_ path: String) throws {
        guard let descriptor = try openForReading(path, directory: true) else {
            throw SystemCallError("open \(path)", code: ENOENT)
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw SystemCallError("fsync \(path)")
        }
    }

    /// Renames `source` to `destination`, which must not be a non-empty directory.
    ///
    /// - Parameters:
    ///   - source: The current name.
    ///   - destination: The new name.
    /// - Throws: ``SystemCallError`` when the rename fails.
    static func rename(_ source: String, to destination: String) throws {
        guard Glibc.rename(source, destination) == 0 else {
            throw SystemCallError("rename \(source) to \(destination)")
        }
    }

    /// Removes a file or a directory with everything in it; a missing one is not an error.
    ///
    /// - Parameter path: What to remove.
    static func removeTree(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT {
            return
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The names in a directory, without `.` and `..`; none when it cannot be read.
    ///
    /// - Parameter path: The directory.
    /// - Returns: The names, sorted.
    static func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The status of an open file.
    ///
    /// - Parameter descriptor: The file.
    /// - Returns: Its status.
    /// - Throws: ``SystemCallError`` when `fstat` fails.
    static func status(of descriptor: Int32) throws -> stat {
        var information = stat()
        guard fstat(descriptor, &information) == 0 else {
            throw SystemCallError("fstat")
        }
        return information
    }

    /// The status of a path, or `nil` when nothing is there.
    ///
    /// - Parameter path: The file or directory.
    /// - Returns: Its status.
    static func status(ofPath path: String) -> stat? {
        var information = stat()
        guard stat(path, &information) == 0 else {
            return nil
        }
        return information
    }

    /// Reads a whole small file.
    ///
    /// - Parameters:
    ///   - descriptor: The open file.
    ///   - limit: The most bytes read; a longer file is cut there.
    /// - Returns: Its bytes.
    /// - Throws: ``SystemCallError`` when a read fails.
    static func readAll(_ descriptor: Int32, limit: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + count, limit - count, off_t(count))
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("read")
            }
            if read == 0 {
                break
            }
            count += read
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Creates a file holding `bytes` and flushes it to the storage device.
    ///
    /// - Parameters:
    ///   - bytes: The content.
    ///   - path: The file, which must not exist yet.
    /// - Throws: ``SystemCallError`` when it cannot be written.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let writer = try FileResetter(creatingFileAt: path)
        try writer.write(bytes)
        try writer.synchronize()
    }

    /// Sets a file's access time to now, the clock's full precision if allowed, leaving its
    /// modification time alone. Failures are ignored: the access time is only a hint.
    ///
    /// - Parameter descriptor: The file.
    static func markAccessed(_ descriptor: Int32) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var times = [now, timespec(tv_sec: 0, tv_nsec: timeOmitted)]
        if futimens(descriptor, &times) == 0 {
            return
        }
        // Only the owner may set an exact time; anyone who may write may set "now".
        times[0] = timespec(tv_sec: 0, tv_nsec: timeNow)
        _ = futimens(descriptor, &times)
    }

    /// A random name part: 16 hexadecimal digits.
    static func randomSuffix() -> String {
        let value = UInt64.random(in: 0...UInt64.max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
