/// A connection's bytes in both directions, over a plain socket or TLS.
///
/// A stream is used by one thread only. Both directions block; the server wakes a blocked call
/// by shutting the socket down.
protocol ByteStream: AnyObject {
    /// The socket under the stream, for `poll` and `shutdown`.
    var descriptor: Int32 { get }

    /// Reads at most `buffer.count` bytes.
    /// - Returns: The number of bytes read; 0 at the end of the stream or on an error.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int

    /// Writes all the bytes.
    /// - Returns: How many bytes were written: fewer than all when the connection failed.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int

    /// Ends the stream in an orderly way (for TLS, sends close-notify); the socket stays open.
    func finish()
}

extension ByteStream {
    /// Writes all the bytes of an array.
    /// - Returns: How many bytes were written: fewer than all when the connection failed.
    func write(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { write($0) }
    }
}
