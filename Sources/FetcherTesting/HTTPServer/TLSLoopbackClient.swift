import CTLS
import Glibc

/// A minimal HTTPS client for checking a ``FaultServer``'s TLS set-up in tests: it verifies the
/// server's certificate against one trusted PEM file and a host name, sends one request and
/// reads until the server closes.
enum TLSLoopbackClient {
    /// Connects to 127.0.0.1, runs a verified handshake, sends `request` and reads the reply.
    /// - Parameters:
    ///   - port: The server's port.
    ///   - trusting: A PEM file with the certificate to trust.
    ///   - host: The name the certificate must hold: an IP address or a DNS name.
    ///   - request: The raw request bytes to send.
    /// - Returns: Every byte received until the server closed the connection.
    /// - Throws: ``FaultServerError`` with kind `.tls` when the handshake or verification
    ///   fails, `.socket` when the connection fails.
    static func exchange(
        port: Int, trusting certificatePath: String, host: String, request: String
    ) throws -> [UInt8] {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TLSFailure.error("SSL_CTX_new")
        }
        defer { SSL_CTX_free(context) }
        guard SSL_CTX_load_verify_locations(context, certificatePath, nil) == 1 else {
            throw TLSFailure.error("loading \(certificatePath)")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard let connection = SSL_new(context) else {
            throw TLSFailure.error("SSL_new")
        }
        defer { SSL_free(connection) }
        let parameters = SSL_get0_param(connection)
        let named =
            host.allSatisfy { $0.isNumber || $0 == "." }
            ? X509_VERIFY_PARAM_set1_ip_asc(parameters, host)
            : X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        guard named == 1, SSL_set_fd(connection, descriptor) == 1 else {
            throw TLSFailure.error("setting up the TLS client")
        }
        guard SSL_connect(connection) == 1 else {
            let verdict = String(
                cString: X509_verify_cert_error_string(Int(SSL_get_verify_result(connection))))
            throw TLSFailure.error("the TLS handshake (\(verdict))")
        }
        let bytes = Array(request.utf8)
        guard SSL_write(connection, bytes, Int32(bytes.count)) == Int32(bytes.count) else {
            throw TLSFailure.error("SSL_write")
        }
        var reply: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = SSL_read(connection, &scratch, Int32(scratch.count))
            guard count > 0 else {
                break
            }
            reply += scratch[..<Int(count)]
        }
        ERR_clear_error()
        return reply
    }

    /// A TCP connection to 127.0.0.1 with a five-second read timeout.
    private static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw FaultServerError(kind: .socket, description: "socket failed: \(errnoText())")
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = LoopbackSocket.loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = FaultServerError(
                kind: .socket, description: "connect to 127.0.0.1:\(port) failed: \(errnoText())")
            close(descriptor)
            throw error
        }
        return descriptor
    }
}
