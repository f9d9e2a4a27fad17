import Glibc

/// The socket calls of the server: a listener on 127.0.0.1 and the options of accepted sockets.
enum LoopbackSocket {
    /// Opens a non-blocking TCP listener on 127.0.0.1.
    /// - Parameter port: The port to bind, or 0 for one the system picks.
    /// - Returns: The listening descriptor and the bound port.
    /// - Throws: ``FaultServerError`` with kind `.socket` when a call fails.
    static func listen(port: Int) throws -> (descriptor: Int32, port: Int) {
        guard (0...65535).contains(port) else {
            throw FaultServerError(kind: .socket, description: "port \(port) is out of range")
        }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw failure("socket")
        }
        do {
            var reuse: Int32 = 1
            guard
                setsockopt(
                    descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse,
                    socklen_t(MemoryLayout<Int32>.size)) == 0
            else {
                throw failure("setsockopt(SO_REUSEADDR)")
            }
            var address = loopbackAddress(port: port)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                throw failure("bind to 127.0.0.1:\(port)")
            }
            guard Glibc.listen(descriptor, SOMAXCONN) == 0 else {
                throw failure("listen")
            }
            // Non-blocking, so that `accept` never waits for a connection that went away
            // between `poll` and `accept` (accepted sockets do not inherit the flag).
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            return (descriptor, try boundPort(descriptor))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// The IPv4 address 127.0.0.1 with a port.
    static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return address
    }

    /// Sets the options of an accepted connection: no Nagle delay, and an idle limit on reads
    /// so that a client that vanishes without closing does not hold a thread forever.
    /// - Parameters:
    ///   - descriptor: The accepted socket.
    ///   - idleLimit: The longest wait for request bytes, in seconds.
    static func configureAccepted(_ descriptor: Int32, idleLimit: Int) {
        var noDelay: Int32 = 1
        setsockopt(
            descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay,
            socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: idleLimit, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The port a socket is bound to.
    private static func boundPort(_ descriptor: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        guard result == 0 else {
            throw failure("getsockname")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// An error for a failed call, with the current `errno`.
    private static func failure(_ call: String) -> FaultServerError {
        FaultServerError(kind: .socket, description: "\(call) failed: \(errnoText())")
    }
}

/// The text of the current `errno`, for error messages.
func errnoText() -> String {
    let code = errno
    return "\(String(cString: strerror(code))) (errno \(code))"
}
