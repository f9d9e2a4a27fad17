import Foundation

/// One call of a Taskcluster API that answers JSON, retried with the transfer policy (5xx, 429
/// and connection failures), signed with Hawk when credentials are configured.
struct TaskclusterCall: Sendable {
    var client: TaskclusterClient
    var method = "GET"
    var url: String
    var body: JSONValue?

    /// Statuses whose JSON body is the answer; a 303 for the queue's artifact endpoints.
    var acceptedStatuses = Set(200..<300)

    /// Whether to sign the request with an `Authorization` header.
    var authenticated = false

    /// The largest answer accepted.
    static let answerLimit: Int64 = 1 << 20

    /// Sends the call.
    ///
    /// - Returns: The status and the JSON answer.
    /// - Throws: ``BrokenReferenceError`` (with the status) for 4xx answers,
    ///   ``TransferError`` once retries are used up, or a parse error for a malformed answer.
    func send(settings: TransferSettings) async throws -> (status: Int, answer: JSONValue) {
        let payload = body.map { Array($0.serialized().utf8) }
        let client = client
        let method = method
        let url = url
        let authenticated = authenticated
        var download = HTTPDownload(url: url, subject: Redaction.redact(url: url))
        download.method = method
        download.body = payload
        download.followRedirects = false
        download.acceptedStatuses = acceptedStatuses
        download.sizeLimit = Self.answerLimit
        download.settings = settings
        download.headers = {
            var headers = ["Accept: application/json"]
            if payload != nil {
                headers.append("Content-Type: application/json")
            }
            if authenticated, let credentials = client.credentials {
                headers.append(
                    "Authorization: "
                        + (try Hawk.authorizationHeader(
                            method: method, url: url, credentials: credentials)))
            }
            return headers
        }
        let target = MemoryResetter()
        let result = try await download.run(
            into: WriteResetterSink(target),
            progress: ProgressReporter(description: "", interval: .seconds(3600)) { _, _ in })
        do {
            return (result.head?.status ?? 200, try JSONValue(parsing: Data(target.bytes)))
        } catch {
            throw TransferError(
                url: download.subject, status: result.head?.status,
                reason: "the answer is not valid JSON: \(error)", attempts: 1)
        }
    }
}
