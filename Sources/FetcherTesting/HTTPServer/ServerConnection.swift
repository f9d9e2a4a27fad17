import Glibc

/// One accepted connection: reads requests and sends answers until either side closes.
struct ServerConnection {
    let core: ServerCore
    let number: Int
    let descriptor: Int32

    /// Serves the connection; runs on its own thread and ends by releasing the socket.
    func run() {
        defer { core.connectionEnded(number) }
        let stream: any ByteStream
        if let tls = core.tls {
            guard let secured = TLSStream.accept(descriptor: descriptor, context: tls) else {
                return
            }
            stream = secured
        } else {
            stream = PlainSocketStream(descriptor: descriptor)
        }
        let reader = RequestReader(stream: stream)
        while !core.signal.isTriggered {
            switch reader.next() {
            case .closed:
                return
            case .rejected(let status, let reason):
                var head = "HTTP/1.1 \(status) \(HTTPStatusText.phrase(for: status))\r\n"
                head += "Content-Type: text/plain; charset=utf-8\r\n"
                head += "Content-Length: \(reason.utf8.count + 1)\r\nConnection: close\r\n\r\n"
                _ = stream.write(Array((head + reason + "\n").utf8))
                closeGracefully(stream)
                return
            case .request(let parsed):
                switch answer(parsed, on: stream) {
                case .keepOpen:
                    continue
                case .close:
                    closeGracefully(stream)
                    return
                case .abort:
                    return
                }
            }
        }
    }

    /// Logs a request, finds its answer and sends it.
    private func answer(_ parsed: ParsedRequest, on stream: any ByteStream)
        -> ResponseWriter.Outcome
    {
        let (request, answer) = core.records.withLock {
            $0.admit(parsed, connection: number)
        }
        let response: ServerResponse
        switch answer {
        case .fixed(let fixed):
            response = fixed
        case .handler(let handler):
            response = handler(request)
        }
        let path = request.path
        let writer = ResponseWriter(stream: stream, signal: core.signal) { [core] count in
            core.countBodyBytes(count, path: path)
        }
        return writer.send(response, to: parsed)
    }

    /// Ends the stream, stops sending, and reads what the client still sends for a moment,
    /// so that closing does not reset the connection before the client read the answer.
    private func closeGracefully(_ stream: any ByteStream) {
        stream.finish()
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(1)
        var drained = 0
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while drained < 1 << 20 {
            let outcome = core.signal.wait(for: descriptor, events: Int16(POLLIN), until: deadline)
            guard outcome == .ready else {
                return
            }
            let count = recv(descriptor, &scratch, scratch.count, Int32(MSG_DONTWAIT))
            if count < 0, errno == EAGAIN || errno == EINTR {
                continue
            }
            guard count > 0 else {
                return
            }
            drained += count
        }
    }
}
