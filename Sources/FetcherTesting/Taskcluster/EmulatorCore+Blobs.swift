import Fetcher
import Foundation

extension EmulatorCore {
    /// The URL of a stored blob: `<root>/_blobs/<token>`, followed for a presigned blob by an
    /// S3-style query that ends with `X-Amz-Signature`.
    ///
    /// - Parameter token: The blob's token.
    /// - Returns: The URL, or `nil` when no such blob is stored.
    func blobURL(token: String) -> String? {
        guard let blob = state.withLock({ $0.blobs[token] }) else {
            return nil
        }
        let url = rootURL + EmulatorRoute.blobPrefix + token
        guard let signature = blob.signature else {
            return url
        }
        let date = Self.amazonDate(blob.signedAt)
        let lifetime = blob.expiry.map { max(1, Int($0.timeIntervalSince(blob.signedAt))) }
        let query = [
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            "X-Amz-Credential=EMULATOR%2F\(date.prefix(8))%2Fus-east-1%2Fs3%2Faws4_request",
            "X-Amz-Date=\(date)",
            "X-Amz-Expires=\(lifetime ?? 7 * 24 * 60 * 60)",
            "X-Amz-SignedHeaders=host",
            "X-Amz-Signature=\(signature)",
        ]
        return url + "?" + query.joined(separator: "&")
    }

    /// Stores an object's bytes under a new presigned blob that expires after the object's
    /// URL lifetime.
    ///
    /// - Parameter objectName: The object's name.
    /// - Returns: The blob's URL and expiry, or `nil` when there is no such object.
    func issueDownloadURL(objectName: String) -> (url: String, expires: Date)? {
        let now = self.now
        let token: (String, Date)? = state.withLock { state in
            guard let object = state.objects[objectName] else {
                return nil
            }
            let expiry = now.addingTimeInterval(object.options.urlLifetime)
            let token = state.addBlob(
                content: object.content, isPresigned: true, expiry: expiry, now: now)
            return (token, expiry)
        }
        guard let (token, expiry) = token, let url = blobURL(token: token) else {
            return nil
        }
        return (url, expiry)
    }

    /// Serves a blob: 200 with its bytes (ranges honoured, with an `ETag`), 404 for an unknown
    /// token, and for a presigned blob 403 when the signature is missing or wrong or the URL
    /// has expired.
    ///
    /// - Parameters:
    ///   - request: The request, for its query.
    ///   - token: The token from the path.
    /// - Returns: The answer.
    func blob(_ request: ServerRequest, token: String) -> ServerResponse {
        guard let blob = state.withLock({ $0.blobs[token] }) else {
            return .storageError(
                status: 404, code: "NoSuchKey", message: "The specified key does not exist.")
        }
        if let signature = blob.signature {
            let given = request.queryValue("X-Amz-Signature") ?? ""
            guard constantTimeEquals(Array(given.utf8), Array(signature.utf8)) else {
                return .storageError(
                    status: 403, code: "SignatureDoesNotMatch",
                    message: "The request signature we calculated does not match the signature "
                        + "you provided.")
            }
        }
        if let expiry = blob.expiry, expiry < now {
            return .storageError(
                status: 403, code: "AccessDenied", message: "Request has expired")
        }
        return .ok(blob.content, etag: blob.etag)
    }

    /// A time as S3 writes it in presigned URLs: `yyyyMMdd'T'HHmmss'Z'` in UTC.
    private static func amazonDate(_ date: Date) -> String {
        let text = timestamp(date)
        let digits = text.prefix(19).filter { $0 != "-" && $0 != ":" }
        return digits + "Z"
    }
}
