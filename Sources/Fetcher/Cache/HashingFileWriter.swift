/// A ``WriteResetter`` that writes a new file and computes the SHA-256 and length of what it
/// holds as the bytes pass, so a new cache entry needs no second read. The hashing runs on a
/// thread of its own, beside the writes, and the file is flushed to disk in the background as
/// it grows (``DurableFileTarget``).
///
/// The count is mutable state without a lock: a fetch writes and resets its target one call
/// at a time, in order (bytes from two calls at once would interleave meaninglessly), and
/// ``finish()`` is called once the fetch has returned. That is why the class can be shared
/// between tasks.
final class HashingFileWriter: WriteResetter, @unchecked Sendable {
    /// The file written.
    var file: FileResetter { target.file }

    private let target: DurableFileTarget

    private let digester = BackgroundDigester(.sha256)
    private var count: Int64 = 0

    /// Creates the file at `path` (truncating any file there).
    ///
    /// - Parameter path: The file to write.
    /// - Throws: ``SystemCallError`` when it cannot be created.
    init(creatingFileAt path: String) throws {
        target = DurableFileTarget(try FileResetter(creatingFileAt: path))
    }

    /// Appends `bytes` to the file and to the digest.
    ///
    /// - Parameter bytes: The next bytes of the blob.
    /// - Throws: ``SystemCallError`` when the write fails.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try digester.update(bytes) { try target.write(bytes) }
        count += Int64(bytes.count)
    }

    /// Empties the file and starts the digest again.
    ///
    /// - Throws: ``SystemCallError`` when the file cannot be truncated.
    func reset() throws {
        try target.reset()
        digester.reset()
        count = 0
    }

    /// Flushes the file to the storage device and returns what it holds.
    ///
    /// - Returns: The length of the content and its SHA-256 in hexadecimal.
    /// - Throws: ``SystemCallError`` when the flush fails.
    func finish() throws -> (size: Int64, sha256: String) {
        try target.synchronize()
        return (count, Hex.encode(digester.finalize()))
    }
}
