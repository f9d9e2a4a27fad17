import Foundation

/// A bare HTTP client over one TCP connection to 127.0.0.1, for testing the fault server byte
/// by byte. Reads time out after a few seconds, so a test never hangs.
final class LoopbackClient {
    /// A failure of the client itself.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Whether the server closed the connection (a read returned end of stream or an error).
    private(set) var sawEnd = false

    /// Connects to a port on 127.0.0.1.
    /// - Parameters:
    ///   - port: The server's port.
    ///   - readTimeout: The longest wait for one read, in seconds.
    init(port: Int, readTimeout: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw Failure(description: "socket failed")
        }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            // deinit closes the socket: it runs after a throwing init of a class.
            throw Failure(description: "connect to port \(port) failed")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends text as is.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends bytes as is.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else {
                throw Failure(description: "send failed")
            }
            offset += count
        }
    }

    /// Sends a request with `Host` and, when there is a body, `Content-Length`.
    func request(
        _ method: String = "GET", _ target: String, headers: [String] = [], body: String = ""
    ) throws {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers {
            text += header + "\r\n"
        }
        if !body.isEmpty {
            text += "Content-Length: \(body.utf8.count)\r\n"
        }
        try send(text + "\r\n" + body)
    }

    /// Reads until the server closes the connection (or a read times out).
    /// - Returns: Everything read that was not consumed yet.
    func readToEnd() -> [UInt8] {
        while fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// Reads one response: head, then a body framed by `Content-Length`, chunked coding or
    /// the end of the connection. A body cut short is returned as far as it came.
    /// - Parameter isHead: Whether the request was `HEAD`, so that no body follows.
    /// - Returns: The response.
    func readResponse(isHead: Bool = false) throws -> TestResponse {
        let headEnd = try readUntil(Array("\r\n\r\n".utf8))
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(headText)")
        }
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (
                String(parts[0]),
                parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            )
        }
        var response = TestResponse(status: status, headers: headers, body: [], complete: true)
        if isHead || (100..<200).contains(status) || status == 204 || status == 304 {
            return response
        }
        if response.header("Transfer-Encoding") == "chunked" {
            try readChunkedBody(into: &response)
        } else if let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            while buffer.count < length, fill() {}
            let count = min(length, buffer.count)
            response.body = Array(buffer[..<count])
            buffer.removeFirst(count)
            response.complete = count == length
        } else {
            response.body = readToEnd()
        }
        return response
    }

    /// Decodes a chunked body; an early end leaves `complete` false.
    private func readChunkedBody(into response: inout TestResponse) throws {
        while true {
            guard let lineEnd = try? readUntil(Array("\r\n".utf8)) else {
                response.body += buffer
                buffer = []
                response.complete = false
                return
            }
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self)
            buffer.removeFirst(lineEnd + 2)
            guard let size = Int(sizeText, radix: 16) else {
                throw Failure(description: "bad chunk size \(sizeText)")
            }
            if size == 0 {
                _ = try readUntil(Array("\r\n".utf8))
                buffer.removeFirst(2)
                return
            }
            while buffer.count < size + 2, fill() {}
            guard buffer.count >= size + 2 else {
                response.body += buffer
                buffer = []
                response.complete = false
                return
            }
            response.body += buffer[..<size]
            buffer.removeFirst(size + 2)
        }
    }

    /// Reads until `marker` is buffered.
    /// - Returns: The offset of the marker in the buffer.
    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searched = 0
        while true {
            if buffer.count >= marker.count {
                for offset in searched...(buffer.count - marker.count)
                where buffer[offset..<(offset + marker.count)].elementsEqual(marker) {
                    return offset
                }
                searched = buffer.count - marker.count + 1
            }
            guard fill() else {
                throw Failure(description: "the connection ended before \(marker)")
            }
        }
    }

    /// Reads some bytes into the buffer; `false` at the end, on an error or on a timeout.
    private func fill() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(descriptor, &scratch, scratch.count, 0)
        guard count > 0 else {
            sawEnd = true
            return false
        }
        buffer += scratch[..<count]
        return true
    }
}
