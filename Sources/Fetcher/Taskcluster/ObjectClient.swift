import Foundation

/// A download URL from the object service, with the hashes its bytes must have.
struct ObjectDownload: Sendable {
    var url: String
    var expires: Date
    var digests: [HashAlgorithm: [UInt8]]
}

/// The object-service call that object artifacts need: `startDownload` with `getUrl`.
struct ObjectClient: Sendable {
    var client: TaskclusterClient
    var settings: TransferSettings

    /// Asks for a `getUrl` download of object `name`.
    ///
    /// - Throws: ``BrokenReferenceError`` for a missing object or an answer without a sha256
    ///   or sha512 hash; ``AccessDeniedError`` when the service refuses the credentials.
    func startDownload(of name: String) async throws -> ObjectDownload {
        let subject = "object \(name)"
        let call = TaskclusterCall(
            client: client,
            method: "PUT",
            url: client.endpoint("object", "start-download/\(TaskclusterClient.pathSegment(name))"),
            body: ["acceptDownloadMethods": ["getUrl": true]],
            acceptedStatuses: [200, 401, 403, 404, 410],
            authenticated: true)
        let (status, answer) = try await call.send(settings: settings)
        switch status {
        case 200:
            break
        case 401, 403:
            let detail =
                client.credentials == nil ? " (no Taskcluster credentials are configured)" : ""
            throw AccessDeniedError(
                subject: subject + detail, required: [["object:download:\(name)"]])
        default:
            throw BrokenReferenceError(subject: subject, reason: "no such object", status: status)
        }
        guard answer["method"]?.stringValue == "getUrl", let url = answer["url"]?.stringValue else {
            throw BrokenReferenceError(
                subject: subject, reason: "the object service offered no getUrl download")
        }
        var digests: [HashAlgorithm: [UInt8]] = [:]
        for algorithm in HashAlgorithm.allCases {
            if let hex = answer["hashes"]?[algorithm.rawValue]?.stringValue,
                let digest = Hex.decode(hex),
                digest.count == algorithm.digestLength
            {
                digests[algorithm] = digest
            }
        }
        guard digests[.sha256] != nil || digests[.sha512] != nil else {
            throw BrokenReferenceError(
                subject: subject,
                reason: "the object service gave neither a sha256 nor a sha512 hash")
        }
        let expires =
            answer["expires"]?.stringValue.flatMap { ISO8601DateFormatter.parse($0) } ?? Date()
        return ObjectDownload(url: url, expires: expires, digests: digests)
    }
}

extension ISO8601DateFormatter {
    /// Parses an ISO 8601 date with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) {
            return date
        }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
