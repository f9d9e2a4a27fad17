import CCurl
import Foundation

/// Why one try of a download failed, and whether another try may succeed.
enum AttemptFailure: Error {
    /// Another try may succeed, after at least `retryAfter` if the server asked for it.
    case transient(reason: String, status: Int?, retryAfter: Duration?)

    /// Every try would fail the same way.
    case broken(reason: String, status: Int? = nil)

    /// Classifies a final answer that was not a success.
    ///
    /// 4xx answers are broken references, except 408 and 429, which are retried like 5xx.
    static func answer(_ head: ResponseHead, excerpt: [UInt8]) -> AttemptFailure {
        var reason = "the server answered \(head.statusText)"
        let text = Redaction.redact(text: String(decoding: excerpt, as: UTF8.self).trimmingSpaces)
        if !text.isEmpty {
            reason += ": \(text)"
        }
        switch head.status {
        case 408, 429, 500...:
            let retryAfter = head.retryAfter(now: Date().timeIntervalSince1970)
            return .transient(reason: reason, status: head.status, retryAfter: retryAfter)
        case 300..<400:
            return .broken(
                reason: reason + " (a redirect that was not followed)", status: head.status)
        default:
            return .broken(reason: reason, status: head.status)
        }
    }

    /// Classifies a libcurl failure.
    static func curl(code: UInt32, message: String, settings: TransferSettings) -> AttemptFailure {
        let detail = Redaction.redact(text: message.isEmpty ? curlDescription(code) : message)
        switch CURLcode(rawValue: code) {
        case CURLE_TOO_MANY_REDIRECTS:
            return .broken(
                reason: "too many redirects (more than \(settings.maximumRedirects)): \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .broken(
                reason: "refused to follow a redirect to another protocol "
                    + "(only http and https, never from https to http): \(detail)")
        case CURLE_URL_MALFORMAT:
            return .broken(reason: "the URL is malformed: \(detail)")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return .broken(reason: "the server's TLS certificate could not be verified: \(detail)")
        case CURLE_OPERATION_TIMEDOUT:
            let seconds = Int(settings.stallTimeout.seconds.rounded(.up))
            return .transient(
                reason: "the transfer timed out or stalled (no bytes for \(seconds) s): \(detail)",
                status: nil, retryAfter: nil)
        case CURLE_PARTIAL_FILE:
            return .transient(
                reason: "the body ended before its announced length: \(detail)", status: nil,
                retryAfter: nil)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .transient(
                reason: "the connection failed: \(detail)", status: nil, retryAfter: nil)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .transient(reason: "could not connect: \(detail)", status: nil, retryAfter: nil)
        default:
            return .transient(reason: detail, status: nil, retryAfter: nil)
        }
    }

    private static func curlDescription(_ code: UInt32) -> String {
        String(cString: curl_easy_strerror(CURLcode(rawValue: code)))
    }
}
