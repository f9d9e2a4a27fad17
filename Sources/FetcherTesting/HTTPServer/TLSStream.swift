import CTLS
import Glibc

/// A stream over TLS on an accepted socket, using libssl with a blocking socket.
final class TLSStream: ByteStream {
    let descriptor: Int32
    private let connection: OpaquePointer

    /// Runs the server side of the TLS handshake.
    /// - Parameters:
    ///   - descriptor: The accepted socket.
    ///   - context: The server context with the identity.
    /// - Returns: The stream, or `nil` when the handshake failed (the socket stays open).
    static func accept(descriptor: Int32, context: TLSContext) -> TLSStream? {
        guard let connection = SSL_new(context.context) else {
            ERR_clear_error()
            return nil
        }
        guard SSL_set_fd(connection, descriptor) == 1, SSL_accept(connection) == 1 else {
            ERR_clear_error()
            SSL_free(connection)
            return nil
        }
        return TLSStream(descriptor: descriptor, connection: connection)
    }

    private init(descriptor: Int32, connection: OpaquePointer) {
        self.descriptor = descriptor
        self.connection = connection
    }

    deinit {
        SSL_free(connection)
        ERR_clear_error()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = SSL_read(connection, buffer.baseAddress, Int32(clamping: buffer.count))
        guard count > 0 else {
            ERR_clear_error()
            return 0
        }
        return Int(count)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < bytes.count {
            let piece = Int32(clamping: bytes.count - offset)
            let count = SSL_write(connection, bytes.baseAddress! + offset, piece)
            guard count > 0 else {
                ERR_clear_error()
                return offset
            }
            offset += Int(count)
        }
        return offset
    }

    func finish() {
        SSL_shutdown(connection)
        ERR_clear_error()
    }
}
