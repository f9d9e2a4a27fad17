import Fetcher

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output or standard error, written to with `write(2)` and no buffering, so that
/// text and blob bytes never wait in a buffer at exit.
enum StandardStream {
    /// Standard output: the blob, or the answer of `hash-key`, `scopes` and `schema`.
    case output

    /// Standard error: progress and errors.
    case error

    /// The stream's file descriptor.
    var fileDescriptor: Int32 {
        self == .output ? STDOUT_FILENO : STDERR_FILENO
    }

    /// Whether the stream is a terminal.
    var isTerminal: Bool {
        isatty(fileDescriptor) == 1
    }

    /// Writes `text` as UTF-8; a failure (such as a closed pipe) is ignored.
    ///
    /// - Parameter text: The text, with its own line ends.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            try? Self.write(UnsafeRawBufferPointer(bytes), to: fileDescriptor)
        }
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes.
    ///
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - descriptor: An open file descriptor.
    /// - Throws: ``SystemCallError`` when a write fails.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        // The library's file writer retries short and interrupted writes; it never closes a
        // descriptor it was given.
        try FileResetter(fileDescriptor: descriptor).write(bytes)
    }
}
