/// Gathers small writes (head, chunk framing, small pieces of body) into large ones, and
/// counts the body bytes that reached the socket.
///
/// Body bytes are counted just before each write and the count is corrected if the write
/// fails, so that a client that has read a whole body always finds it counted.
final class OutputBuffer {
    /// The size of one write; large pieces of body bypass the buffer in blocks of this size.
    static let blockSize = 256 * 1024

    private let stream: any ByteStream
    private let countBodyBytes: (Int) -> Void
    private var bytes: [UInt8] = []
    private var pendingBodyBytes = 0

    /// Makes a buffer.
    /// - Parameters:
    ///   - stream: Where the bytes go.
    ///   - countBodyBytes: Told how many body bytes each write carries (negative to correct
    ///     the count after a failed write).
    init(stream: any ByteStream, countBodyBytes: @escaping (Int) -> Void) {
        self.stream = stream
        self.countBodyBytes = countBodyBytes
        bytes.reserveCapacity(Self.blockSize)
    }

    /// Adds framing or head text.
    func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Adds body bytes; a large piece is written straight from its storage.
    /// - Returns: `false` when a write failed.
    func appendBody(_ piece: UnsafeRawBufferPointer) -> Bool {
        if piece.count >= Self.blockSize / 4 {
            guard flush() else {
                return false
            }
            countBodyBytes(piece.count)
            let written = stream.write(piece)
            guard written == piece.count else {
                countBodyBytes(written - piece.count)
                return false
            }
            return true
        }
        bytes.append(contentsOf: piece)
        pendingBodyBytes += piece.count
        return bytes.count < Self.blockSize || flush()
    }

    /// Writes out everything gathered.
    /// - Returns: `false` when the write failed.
    func flush() -> Bool {
        guard !bytes.isEmpty else {
            return true
        }
        if pendingBodyBytes > 0 {
            countBodyBytes(pendingBodyBytes)
        }
        let written = stream.write(bytes)
        if written < bytes.count, pendingBodyBytes > 0 {
            // Framing and body bytes are mixed; count the unwritten tail as body, at most.
            countBodyBytes(-min(pendingBodyBytes, bytes.count - written))
        }
        let complete = written == bytes.count
        bytes.removeAll(keepingCapacity: true)
        pendingBodyBytes = 0
        return complete
    }
}
