import Fetcher

extension ServerResponse {
    /// A Taskcluster API error: JSON `{"code": ..., "message": ...}` with this status.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - code: The Taskcluster error code, such as `ResourceNotFound`.
    ///   - message: A sentence for people.
    /// - Returns: The response.
    static func taskclusterError(status: Int, code: String, message: String) -> ServerResponse {
        let body: JSONValue = ["code": .string(code), "message": .string(message)]
        return .json(body.serialized(), status: status)
    }

    /// An S3-style XML error, as a storage service answers a bad presigned URL.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - code: The S3 error code, such as `AccessDenied`.
    ///   - message: A sentence for people.
    /// - Returns: The response.
    static func storageError(status: Int, code: String, message: String) -> ServerResponse {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(code)</Code><Message>\(message)</Message></Error>

            """
        return ServerResponse(
            status: status, headers: [ServerHeader("Content-Type", "application/xml")],
            body: Array(xml.utf8))
    }

    /// This response with one more header field.
    ///
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    /// - Returns: The changed response.
    func adding(header name: String, _ value: String) -> ServerResponse {
        var copy = self
        copy.headers.append(ServerHeader(name, value))
        return copy
    }
}
