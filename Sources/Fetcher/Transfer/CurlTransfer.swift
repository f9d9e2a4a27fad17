import CCurl

/// What a transfer tells its consumer, in order: the head of the final response, the body in
/// blocks, then how it ended.
enum TransferEvent: Sendable {
    case head(ResponseHead)
    case body(Block)
    case end(TransferOutcome)
}

/// How a transfer ended.
struct TransferOutcome: Sendable {
    /// The libcurl result code; `CURLE_OK.rawValue` for success.
    var code: UInt32

    /// libcurl's explanation of a failure, possibly empty.
    var message: String

    /// The start of the body of a response that was not a success, for error messages.
    var errorBody: [UInt8]

    /// Whether the transfer was cancelled by its consumer.
    var cancelled: Bool

    var succeeded: Bool {
        code == CURLE_OK.rawValue && !cancelled
    }
}

/// One HTTP request and its response over libcurl.
///
/// Everything but ``events``, ``start()`` and ``cancel()`` runs on the loop thread: libcurl
/// calls the callbacks there, and the loop is the only caller of the other methods, which is
/// why the mutable state needs no lock.
final class CurlTransfer: @unchecked Sendable {
    /// What to request.
    struct Request: Sendable {
        var url: String
        var method = "GET"
        var headers: [String] = []
        var body: [UInt8]?
        var rangeStart: Int64?
        var followRedirects = true
        var settings = TransferSettings()
        /// The statuses whose body is the payload; other answers' bodies are error excerpts.
        var acceptedStatuses = Set(200..<300)
    }

    /// The most bytes of an unsuccessful answer's body kept for the error message.
    static let errorBodyLimit = 8192

    /// The receive buffer libcurl is asked for: the block size of the transfer's pool, so
    /// that every piece a callback brings fits in one block (512 KiB, libcurl's largest,
    /// while few transfers run).
    var receiveBufferSize: Int {
        pool.blockSize
    }

    let request: Request
    let events: AsyncStream<TransferEvent>
    private let continuation: AsyncStream<TransferEvent>.Continuation
    private let pool: BlockPool
    private let loop: CurlLoop

    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(
        capacity: Int(CURL_ERROR_SIZE) + 1)
    private var headers: [(name: String, value: String)] = []
    private var headerBytes = 0
    private var head: ResponseHead?
    private var errorBody: [UInt8] = []
    private var block: Block?
    private var blockStarted = ContinuousClock.now
    private var finished = false

    init(_ request: Request, pool: BlockPool, loop: CurlLoop = .shared) {
        self.request = request
        self.pool = pool
        self.loop = loop
        (events, continuation) = AsyncStream.makeStream(of: TransferEvent.self)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination {
                self?.cancel()
            }
        }
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Hands the transfer to the loop.
    func start() {
        loop.submit(.add(self))
    }

    /// Aborts the transfer; its events end promptly with a cancelled outcome.
    func cancel() {
        loop.submit(.cancel(self))
    }

    // MARK: - On the loop thread

    /// Creates and configures the easy handle; `nil` (after ending the events) on failure.
    func makeHandle() -> UnsafeMutableRawPointer? {
        guard let easy = curl_easy_init() else {
            end(code: CURLE_OUT_OF_MEMORY.rawValue, cancelled: false)
            return nil
        }
        self.easy = easy
        let code = CurlOptions.apply(
            request, receiveBufferSize: receiveBufferSize, to: easy, errorBuffer: errorBuffer,
            list: &headerList)
        if code != CURLE_OK {
            finish(code: code, removing: nil)
            return nil
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        fetcher_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, receiveBodyCallback)
        fetcher_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        fetcher_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, receiveHeaderCallback)
        fetcher_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        return easy
    }

    /// Takes a header line; a status line starts the headers of a new response.
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        headerBytes += bytes.count
        guard headerBytes <= 1 << 20 else { return 0 }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = []
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(
                (
                    String(line[..<colon]).trimmingSpaces,
                    line[line.index(after: colon)...].trimmingSpaces
                ))
        }
        return bytes.count
    }

    /// Takes body bytes: into blocks for a success, into the error excerpt otherwise. Pauses
    /// the transfer when no block is free.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if head == nil {
            captureHead()
        }
        guard let head, request.acceptedStatuses.contains(head.status) else {
            let room = Self.errorBodyLimit - errorBody.count
            errorBody.append(contentsOf: bytes.prefix(room))
            return bytes.count <= room ? bytes.count : 0
        }
        if let current = block, current.remaining < bytes.count {
            handOn(current)
        }
        if block == nil {
            guard let fresh = takeBlock(atLeast: bytes.count) else {
                return fetcher_write_pause()
            }
            block = fresh
            blockStarted = .now
        }
        block?.append(bytes)
        if block?.remaining == 0, let full = block {
            handOn(full)
        }
        return bytes.count
    }

    private func takeBlock(atLeast size: Int) -> Block? {
        pool.take(size: size) { [weak self] in
            guard let self else { return }
            self.loop.submit(.resume(self))
        }
    }

    private func handOn(_ full: Block) {
        block = nil
        continuation.yield(.body(full))
    }

    /// Hands on a partly filled block that has waited `delay`; returns whether one still waits.
    func handOnPartialBlock(olderThan delay: Duration, now: ContinuousClock.Instant) -> Bool {
        guard let current = block, current.count > 0 else { return false }
        guard now - blockStarted >= delay else { return true }
        handOn(current)
        return false
    }

    /// Unpauses the transfer after a block came back to the pool.
    func resumeReceiving() {
        guard let easy else { return }
        curl_easy_pause(easy, 0)
    }

    private func captureHead() {
        guard let easy else { return }
        var status = 0
        fetcher_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var url: UnsafeMutablePointer<CChar>?
        fetcher_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url)
        let head = ResponseHead(
            status: status,
            headers: headers,
            effectiveURL: url.map { String(cString: $0) } ?? request.url
        )
        self.head = head
        continuation.yield(.head(head))
    }

    /// Ends the transfer: removes the handle, hands on what is left and reports the outcome.
    func finish(code: CURLcode, removing multi: UnsafeMutableRawPointer?, cancelled: Bool = false) {
        guard !finished else { return }
        if let easy, let multi {
            curl_multi_remove_handle(multi, easy)
        }
        if !cancelled {
            if head == nil, easy != nil {
                var status = 0
                fetcher_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                if status > 0 { captureHead() }
            }
            if let current = block, current.count > 0 {
                handOn(current)
            }
        }
        block = nil
        end(code: code.rawValue, cancelled: cancelled)
    }

    private func end(code: UInt32, cancelled: Bool) {
        finished = true
        let message = String(cString: errorBuffer)
        continuation.yield(
            .end(
                TransferOutcome(
                    code: code, message: message, errorBody: errorBody, cancelled: cancelled))
        )
        continuation.finish()
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        curl_slist_free_all(headerList)
        headerList = nil
    }
}

private let receiveBodyCallback: fetcher_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let receiveHeaderCallback: fetcher_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}
