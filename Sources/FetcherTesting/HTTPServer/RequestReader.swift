/// Reads requests one after the other from a connection, keeping bytes read ahead for the
/// next one (so pipelined requests work).
final class RequestReader {
    /// What reading gave.
    enum Outcome {
        /// A complete request, body included.
        case request(ParsedRequest)
        /// The client closed the connection (or it failed or idled out) between requests.
        case closed
        /// The request is broken or too large: answer with this status and close.
        case rejected(status: Int, reason: String)
    }

    /// The largest request head (request line and header fields), in bytes.
    static let headLimit = 64 * 1024

    /// The largest request body, in bytes.
    static let bodyLimit = 1 << 32

    private let stream: any ByteStream
    private var buffer: [UInt8] = []
    private var start = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    /// Makes a reader.
    /// - Parameter stream: The connection to read from; it also carries `100 Continue`.
    init(stream: any ByteStream) {
        self.stream = stream
    }

    /// Reads the next request.
    func next() -> Outcome {
        var lines: [[UInt8]] = []
        var headBytes = 0
        while true {
            guard let line = readLine(limit: Self.headLimit - headBytes) else {
                return .closed
            }
            guard case .line(let bytes) = line else {
                return .rejected(status: 431, reason: "the request head exceeds 64 KiB")
            }
            headBytes += bytes.count + 2
            if bytes.isEmpty {
                if lines.isEmpty {
                    continue
                }
                break
            }
            lines.append(bytes)
        }
        do {
            var request = try RequestHeadParser.parse(lines)
            request.body = try readBody(of: request)
            return .request(request)
        } catch let rejection as RequestRejection {
            return .rejected(status: rejection.status, reason: rejection.reason)
        } catch {
            return .closed
        }
    }

    /// The end of the stream in the middle of a request.
    private struct EndOfStream: Error {}

    /// Reads the body announced by the head.
    private func readBody(of request: ParsedRequest) throws -> [UInt8] {
        let framing = try RequestHeadParser.bodyFraming(request.headers)
        let expectsContinue =
            request.version == "HTTP/1.1"
            && request.headers.firstValue(named: "Expect")?.lowercased() == "100-continue"
        switch framing {
        case .length(0):
            return []
        case .length(let length):
            if expectsContinue {
                _ = stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            return try readExactly(length)
        case .chunked:
            if expectsContinue {
                _ = stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            return try readChunked()
        }
    }

    /// Reads `length` bytes, first from the bytes read ahead.
    private func readExactly(_ length: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: length) { storage, count in
            let ahead = min(length, buffer.count - start)
            buffer.withUnsafeBufferPointer { source in
                _ = storage.initialize(from: source[start..<(start + ahead)])
            }
            start += ahead
            count = ahead
            while count < length {
                let rest = UnsafeMutableBufferPointer(rebasing: storage[count..<length])
                let read = stream.read(into: UnsafeMutableRawBufferPointer(rest))
                guard read > 0 else {
                    throw EndOfStream()
                }
                count += read
            }
        }
    }

    /// Reads a chunked body and its trailer section; trailer fields are dropped.
    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try requireLine(limit: 4096)
            let sizeText = sizeLine.prefix { $0 != UInt8(ascii: ";") }
            let digits = String(decoding: sizeText, as: UTF8.self).trimmingOptionalWhitespace()
            guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16) else {
                throw RequestRejection(status: 400, reason: "a chunk size is not hexadecimal")
            }
            if size == 0 {
                var trailerBytes = 0
                while true {
                    let trailer = try requireLine(limit: Self.headLimit - trailerBytes)
                    trailerBytes += trailer.count + 2
                    if trailer.isEmpty {
                        return body
                    }
                }
            }
            guard body.count + size <= Self.bodyLimit else {
                throw RequestRejection(status: 413, reason: "the request body exceeds 4 GiB")
            }
            body.append(contentsOf: try readExactly(size))
            guard try requireLine(limit: 2).isEmpty else {
                throw RequestRejection(status: 400, reason: "a chunk is longer than its size")
            }
        }
    }

    /// One line of a request, or a line that went past its limit.
    private enum Line {
        case line([UInt8])
        case tooLong
    }

    /// Reads a line ended by LF (a CR before it is dropped); `nil` at the end of the stream.
    private func readLine(limit: Int) -> Line? {
        var scanned = 0
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") {
                    end -= 1
                }
                guard end - start <= limit else {
                    return .tooLong
                }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return .line(line)
            }
            guard buffer.count - start <= limit else {
                return .tooLong
            }
            scanned = buffer.count - start
            guard fill() else {
                return nil
            }
        }
    }

    /// Reads a line inside a body, where the end of the stream or a long line is an error.
    private func requireLine(limit: Int) throws -> [UInt8] {
        switch readLine(limit: max(0, limit)) {
        case .line(let bytes): return bytes
        case .tooLong: throw RequestRejection(status: 400, reason: "a chunk line is too long")
        case nil: throw EndOfStream()
        }
    }

    /// Reads more bytes into the buffer; `false` at the end of the stream.
    private func fill() -> Bool {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 32 * 1024 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let count = scratch.withUnsafeMutableBytes { stream.read(into: $0) }
        guard count > 0 else {
            return false
        }
        buffer.append(contentsOf: scratch[0..<count])
        return true
    }
}
