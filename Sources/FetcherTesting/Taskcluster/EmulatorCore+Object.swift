import Fetcher
import Foundation

extension EmulatorCore {
    /// Answers the object service's `startDownload`.
    ///
    /// The request needs a Hawk `Authorization` header (a bewit does not do for a `PUT`) whose
    /// scopes hold `object:download:<name>`, and a JSON body whose `acceptDownloadMethods`
    /// accepts `getUrl`.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - name: The decoded object name.
    /// - Returns: 200 with `{"method": "getUrl", "url", "expires", "hashes"}`; 400 for a
    ///   malformed body, 401 or 403 for missing credentials or scopes, 404 for an unknown
    ///   object, 406 when `getUrl` is not accepted.
    func startDownload(_ request: ServerRequest, name: String) -> ServerResponse {
        do {
            try authorize(request, scope: "object:download:\(name)", allowsBewit: false)
        } catch {
            return error.response
        }
        let body = try? JSONValue(parsing: Data(request.body))
        guard let methods = body?["acceptDownloadMethods"], methods.objectValue != nil else {
            return .taskclusterError(
                status: 400, code: "InputValidationError",
                message: "the body must be a JSON object with an acceptDownloadMethods object")
        }
        guard methods["getUrl"] == .bool(true) else {
            return .taskclusterError(
                status: 406, code: "NoMatchingMethod",
                message: "the emulated object service offers only the getUrl method")
        }
        let hashes = state.withLock { $0.objects[name].map(Self.announcedHashes) }
        guard let hashes, let download = issueDownloadURL(objectName: name) else {
            return .taskclusterError(
                status: 404, code: "ResourceNotFound", message: "object \(name) not found")
        }
        let answer: JSONValue = [
            "method": "getUrl", "url": .string(download.url),
            "expires": .string(Self.timestamp(download.expires)), "hashes": .object(hashes),
        ]
        return .json(answer.serialized())
    }

    /// The hashes an object announces, in hexadecimal, some made wrong on purpose.
    private static func announcedHashes(of object: EmulatorState.ObjectRecord)
        -> [String: JSONValue]
    {
        var hashes: [String: JSONValue] = [:]
        for algorithm in object.options.announcedHashes {
            var digest: [UInt8]
            switch algorithm {
            case .sha256: digest = object.sha256
            case .sha512: digest = object.sha512
            case .md5, .sha1: continue
            }
            if object.options.wrongHashes.contains(algorithm) {
                digest[digest.count - 1] ^= 0x01
            }
            hashes[algorithm.rawValue] = .string(Hex.encode(digest))
        }
        return hashes
    }
}
