import Foundation

extension TaskclusterClient {
    /// The client configured by `TASKCLUSTER_ROOT_URL` and, when set,
    /// `TASKCLUSTER_CLIENT_ID`, `TASKCLUSTER_ACCESS_TOKEN` and `TASKCLUSTER_CERTIFICATE`.
    ///
    /// - Parameter environment: The variables to read; the process's by default.
    /// - Returns: The client, or `nil` when no root URL is set.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TaskclusterClient? {
        guard let rootURL = environment["TASKCLUSTER_ROOT_URL"], !rootURL.isEmpty else {
            return nil
        }
        return TaskclusterClient(
            rootURL: rootURL, credentials: .fromEnvironment(environment))
    }

    /// The URL of an API endpoint: `<rootURL>/api/<service>/v1/<path>`.
    func endpoint(_ service: String, _ path: String) -> String {
        "\(rootURL)/api/\(service)/v1/\(path)"
    }

    /// `text` percent-encoded as one path segment: only letters, digits, `-`, `_` and `~` stay
    /// as they are, so no name can add a segment or a `..`.
    static func pathSegment(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
