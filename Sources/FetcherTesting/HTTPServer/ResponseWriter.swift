import Glibc

/// Sends one response on a connection, injecting the faults the response asks for.
struct ResponseWriter {
    /// What the connection should do after the response.
    enum Outcome: Equatable {
        /// Read the next request.
        case keepOpen
        /// Close in an orderly way (the response said so, or the client asked for it).
        case close
        /// Close at once, without any goodbye (a fault, a failed write, or shutdown).
        case abort
    }

    let stream: any ByteStream
    let signal: ShutdownSignal
    let output: OutputBuffer

    /// Makes a writer.
    /// - Parameters:
    ///   - stream: The connection.
    ///   - signal: The server's shutdown signal, which cuts waits short.
    ///   - countBodyBytes: Told how many body bytes each write carried.
    init(
        stream: any ByteStream, signal: ShutdownSignal,
        countBodyBytes: @escaping (Int) -> Void
    ) {
        self.stream = stream
        self.signal = signal
        self.output = OutputBuffer(stream: stream, countBodyBytes: countBodyBytes)
    }

    /// Sends `response` as the answer to `request`.
    /// - Returns: What the connection should do next.
    func send(_ response: ServerResponse, to request: ParsedRequest) -> Outcome {
        if response.hangsUp {
            return .abort
        }
        if let delay = response.delay, !pause(until: .now + delay) {
            return .abort
        }
        let plan = ResponsePlan(response: response, request: request)
        output.append(plan.head)
        guard plan.sendsBody else {
            return output.flush() ? plan.outcome : .abort
        }
        let completed = response.body.withUnsafeBytes { body in
            sendBody(UnsafeRawBufferPointer(rebasing: body[plan.bodyRange]), plan: plan)
        }
        return completed ? plan.outcome : .abort
    }

    /// Sends the body slice with its framing and faults.
    /// - Returns: `false` when the connection must be closed at once.
    private func sendBody(_ body: UnsafeRawBufferPointer, plan: ResponsePlan) -> Bool {
        let response = plan.response
        let dropPoint = response.dropAfter.map { max(0, $0) }
        let stallPoint = response.stallAfter.map { max(0, $0) }
        var chunkSize: Int?
        if case .chunked(let size) = response.framing {
            chunkSize = max(1, size)
        }
        var sent = 0
        var stalled = false
        var chunkLeft = 0
        while true {
            if let dropPoint, sent >= dropPoint {
                _ = output.flush()
                return false
            }
            if let stallPoint, !stalled, sent >= stallPoint {
                stalled = true
                guard output.flush(), stall(for: response.stallDuration) else {
                    return false
                }
            }
            guard sent < body.count else {
                break
            }
            var length = min(body.count - sent, OutputBuffer.blockSize)
            if let dropPoint {
                length = min(length, dropPoint - sent)
            }
            if let stallPoint, !stalled {
                length = min(length, stallPoint - sent)
            }
            if let trickle = response.trickle {
                length = min(length, max(1, trickle.bytes))
            }
            if let gate = response.gate {
                guard let allowed = waitForGate(gate, at: plan.bodyRange.lowerBound + sent) else {
                    return false
                }
                length = min(length, allowed)
            }
            if let chunkSize {
                if chunkLeft == 0 {
                    chunkLeft = min(chunkSize, body.count - sent)
                    output.append(String(chunkLeft, radix: 16) + "\r\n")
                }
                length = min(length, chunkLeft)
            }
            let piece = UnsafeRawBufferPointer(rebasing: body[sent..<(sent + length)])
            guard output.appendBody(piece) else {
                return false
            }
            sent += length
            if chunkSize != nil {
                chunkLeft -= length
                if chunkLeft == 0 {
                    output.append("\r\n")
                }
            }
            if let trickle = response.trickle, sent < body.count {
                guard output.flush(), pause(until: .now + trickle.interval) else {
                    return false
                }
            }
        }
        if dropPoint != nil {
            _ = output.flush()
            return false
        }
        if chunkSize != nil {
            output.append("0\r\n\r\n")
        }
        return output.flush()
    }

    /// Sends what is buffered, then waits until `gate` lets the byte at `position` of the full
    /// body through.
    /// - Returns: How many more bytes may be sent, or `nil` when the client went or the
    ///   server shuts down first.
    private func waitForGate(_ gate: BodyGate, at position: Int) -> Int? {
        var flushed = false
        while true {
            let allowed = gate.openedTo - position
            if allowed > 0 {
                return allowed
            }
            if !flushed {
                guard output.flush() else { return nil }
                flushed = true
            }
            guard pause(until: .now + Self.gatePollInterval) else {
                return nil
            }
        }
    }

    /// How often a closed gate is looked at again.
    private static let gatePollInterval = Duration.milliseconds(2)

    /// Sends nothing for `duration` (or, when `nil`, until the client goes or shutdown).
    /// - Returns: `true` when the stall ended by itself and sending may go on.
    private func stall(for duration: Duration?) -> Bool {
        guard let duration else {
            _ = signal.wait(for: stream.descriptor, events: Self.peerClosedEvents, until: nil)
            return false
        }
        return pause(until: .now + duration)
    }

    /// Waits until `deadline`, unless the client closes or the server shuts down first.
    /// - Returns: `true` when the deadline passed.
    private func pause(until deadline: ContinuousClock.Instant) -> Bool {
        let outcome = signal.wait(
            for: stream.descriptor, events: Self.peerClosedEvents, until: deadline)
        return outcome == .timedOut
    }

    /// The `poll` events that tell the client hung up (`POLLRDHUP`).
    private static let peerClosedEvents = Int16(0x2000)
}
