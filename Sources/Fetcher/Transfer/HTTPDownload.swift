/// Downloads one URL into a sink: retries with backoff, resumes by range, and checks the
/// blob's digests and size over its whole content.
struct HTTPDownload: Sendable {
    /// The URL to fetch; it may carry a signature.
    var url: String

    /// The URL as it may be shown: in errors, progress and logs.
    var subject: String

    /// The request method; downloads use GET, API calls also PUT.
    var method = "GET"

    /// The request body, for API calls.
    var body: [UInt8]?

    /// Makes the extra request headers of each try, as `Name: value` (signatures expire).
    var headers: @Sendable () throws -> [String] = { [] }

    /// What the blob must be.
    var expected = ExpectedContent()

    /// Whether redirects are followed.
    var followRedirects = true

    /// Retries, timeouts and TLS.
    var settings = TransferSettings()

    /// The statuses that carry the blob; 2xx by default, API calls may accept a 303.
    var acceptedStatuses = Set(200..<300)

    /// The most bytes accepted, for answers that must be small (API calls).
    var sizeLimit: Int64?

    /// Where resuming stands, across tries.
    private final class Position {
        var offset: Int64 = 0
        var total: Int64?
        var validator: String?
        var servedBy: String?
        var head: ResponseHead?
    }

    /// What a finished download got.
    struct Result {
        /// The blob's size.
        var size: Int64

        /// The head of the answer that carried the (last part of the) blob.
        var head: ResponseHead?
    }

    /// Runs the download until the blob is in `sink` and verified.
    ///
    /// - Parameters:
    ///   - sink: Where the bytes go; reset whenever the download starts over, and on failure.
    ///   - progress: Receives the progress reports; closed when the download returns.
    /// - Returns: The blob's size and the head of the answer that carried it.
    /// - Throws: ``BrokenReferenceError``, ``TransferError`` after the last retry, the sink's
    ///   first error, or `CancellationError`.
    @discardableResult
    func run(into sink: any BodySink, progress: ProgressReporter) async throws -> Result {
        defer { progress.close() }
        let digests = expected.algorithms.isEmpty ? nil : DigestSink(expected.algorithms)
        let sinks: [any BodySink] = [sink] + (digests.map { [$0] } ?? [])
        let pool = BlockPool()
        let position = Position()
        var attempts = 0
        while true {
            attempts += 1
            do {
                try await attempt(position, sinks: sinks, pool: pool, progress: progress)
                break
            } catch let failure as AttemptFailure {
                switch failure {
                case .broken(let reason, let status):
                    try await discard(sinks)
                    throw BrokenReferenceError(subject: subject, reason: reason, status: status)
                case .transient(let reason, let status, let retryAfter):
                    guard attempts <= settings.retryPolicy.maximumRetries else {
                        try await discard(sinks)
                        throw TransferError(
                            url: subject, status: status, reason: reason, attempts: attempts)
                    }
                    let backoff = settings.retryPolicy.retryDelay(attempt: attempts)
                    let delay = min(
                        settings.retryPolicy.maximumDelay, max(backoff, retryAfter ?? .zero))
                    try await Task.sleep(for: delay)
                }
            }
        }
        for sink in sinks { try await sink.drain() }
        try await verify(position, digests: digests, sinks: sinks)
        progress.finish()
        return Result(size: position.offset, head: position.head)
    }

    private func verify(_ position: Position, digests: DigestSink?, sinks: [any BodySink])
        async throws
    {
        let servedBy = position.servedBy.map(Redaction.redact(url:)) ?? subject
        let origin = servedBy == subject ? "" : " (served by \(servedBy))"
        if let expectedSize = expected.size, position.offset != expectedSize {
            try await discard(sinks)
            throw BrokenReferenceError(
                subject: subject,
                reason:
                    "size mismatch: expected \(expectedSize) bytes, got \(position.offset)\(origin)"
            )
        }
        guard let digests else { return }
        if let (algorithm, wanted, computed) = expected.mismatch(in: try await digests.digests()) {
            try await discard(sinks)
            throw BrokenReferenceError(
                subject: subject,
                reason:
                    "\(algorithm.rawValue) mismatch: expected \(wanted), computed \(computed)\(origin)"
            )
        }
    }

    /// Resets the sinks after a failure, so no partial blob is left behind.
    private func discard(_ sinks: [any BodySink]) async throws {
        for sink in sinks {
            sink.reset()
            try await sink.drain()
        }
    }

    private func attempt(
        _ position: Position,
        sinks: [any BodySink],
        pool: BlockPool,
        progress: ProgressReporter
    ) async throws {
        var request = CurlTransfer.Request(
            url: url, method: method, headers: try headers(), body: body,
            followRedirects: followRedirects, settings: settings, acceptedStatuses: acceptedStatuses
        )
        if position.offset > 0 {
            if let validator = position.validator {
                request.rangeStart = position.offset
                request.headers.append("If-Range: \(validator)")
            } else if !expected.algorithms.isEmpty {
                // No validator to tell a changed blob, but the digests will.
                request.rangeStart = position.offset
            } else {
                startOver(position, sinks: sinks)
            }
        }
        let transfer = CurlTransfer(request, pool: pool)
        defer { transfer.cancel() }
        transfer.start()
        try await withTaskCancellationHandler {
            try await receive(transfer, position: position, sinks: sinks, progress: progress)
        } onCancel: {
            transfer.cancel()
        }
    }

    private func receive(
        _ transfer: CurlTransfer,
        position: Position,
        sinks: [any BodySink],
        progress: ProgressReporter
    ) async throws {
        var head: ResponseHead?
        var accepted = false
        for await event in transfer.events {
            switch event {
            case .head(let answer):
                head = answer
                if acceptedStatuses.contains(answer.status) {
                    try accept(answer, request: transfer.request, position: position, sinks: sinks)
                    accepted = true
                    progress.start()
                }
            case .body(let block):
                guard accepted else { continue }
                if let failure = sinks.lazy.compactMap(\.failure).first {
                    throw failure
                }
                position.offset += Int64(block.count)
                if let size = expected.size, position.offset > size {
                    throw AttemptFailure.broken(
                        reason:
                            "size mismatch: the server sent more than the expected \(size) bytes")
                }
                for sink in sinks { sink.write(block) }
                progress.update(completed: position.offset, total: position.total)
            case .end(let outcome):
                try check(outcome, head: head, position: position, sinks: sinks)
                return
            }
        }
        try Task.checkCancellation()
        throw CancellationError()
    }

    /// Decides what a successful answer means for the bytes already received.
    private func accept(
        _ head: ResponseHead,
        request: CurlTransfer.Request,
        position: Position,
        sinks: [any BodySink]
    ) throws {
        if let start = request.rangeStart, head.status == 206 {
            let range = head.contentRange
            let sameVersion =
                head.resumeValidator == nil || head.resumeValidator == position.validator
            guard let range, range.first == start, sameVersion,
                range.total == nil || position.total == nil || range.total == position.total
            else {
                startOver(position, sinks: sinks)
                throw AttemptFailure.transient(
                    reason: "the server answered the range request with a different blob or range",
                    status: 206, retryAfter: nil)
            }
            position.total = range.total ?? position.total
        } else if head.status == 206 {
            throw AttemptFailure.transient(
                reason: "the server sent part of the blob when all of it was asked for",
                status: 206, retryAfter: nil)
        } else {
            // The server ignored the range, or the blob changed since: start over.
            if position.offset > 0 {
                startOver(position, sinks: sinks)
            }
            position.total = head.contentLength
        }
        position.validator = head.resumeValidator
        position.servedBy = head.effectiveURL
        position.head = head
        if let size = expected.size, let total = position.total, total != size {
            throw AttemptFailure.broken(
                reason: "size mismatch: expected \(size) bytes, the server announced \(total)")
        }
    }

    private func startOver(_ position: Position, sinks: [any BodySink]) {
        for sink in sinks { sink.reset() }
        position.offset = 0
        position.total = nil
        position.validator = nil
    }

    private func check(
        _ outcome: TransferOutcome,
        head: ResponseHead?,
        position: Position,
        sinks: [any BodySink]
    ) throws {
        if let failure = sinks.lazy.compactMap(\.failure).first {
            throw failure
        }
        if outcome.cancelled {
            try Task.checkCancellation()
            throw CancellationError()
        }
        if let head, head.status == 416, position.offset > 0 {
            startOver(position, sinks: sinks)
            throw AttemptFailure.transient(
                reason: "the server refused to resume: \(head.statusText)", status: 416,
                retryAfter: nil)
        }
        if let head, !acceptedStatuses.contains(head.status),
            outcome.succeeded || head.status >= 400
        {
            throw AttemptFailure.answer(head, excerpt: outcome.errorBody)
        }
        if !outcome.succeeded {
            throw AttemptFailure.curl(
                code: outcome.code, message: outcome.message, settings: settings)
        }
    }
}
