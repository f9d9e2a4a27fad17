/// The emulator endpoint a request path names, with its parameters percent-decoded once.
///
/// Names and namespaces may arrive percent-encoded (`/` as `%2F`) or with literal `/`; both
/// read the same. A decoded `..` is part of a name, never a step in a path.
enum EmulatorRoute: Equatable {
    /// Queue `status`.
    case status(taskId: String)
    /// Queue `getArtifact`; `runId` is still text, checked by the handler.
    case getArtifact(taskId: String, runId: String, name: String)
    /// Queue `getLatestArtifact`.
    case getLatestArtifact(taskId: String, name: String)
    /// Queue `artifact`; `runId` is still text, checked by the handler.
    case artifact(taskId: String, runId: String, name: String)
    /// Queue `latestArtifact`.
    case latestArtifact(taskId: String, name: String)
    /// Index `findTask`.
    case findTask(namespace: String)
    /// Object service `startDownload`.
    case startDownload(name: String)
    /// A blob URL served by the emulator.
    case blob(token: String)
    /// Anything else.
    case unknown

    /// The blob URL path prefix.
    static let blobPrefix = "/_blobs/"

    /// Reads a request path, as sent (still percent-encoded, without query).
    ///
    /// - Parameter path: The path.
    init(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func rest(from index: Int) -> String {
            Self.percentDecode(segments[index...].joined(separator: "/"))
        }
        func decoded(_ index: Int) -> String {
            Self.percentDecode(segments[index])
        }
        let count = segments.count
        guard count >= 3, segments[0].isEmpty else {
            self = .unknown
            return
        }
        if count == 3, segments[1] == "_blobs", !segments[2].isEmpty {
            self = .blob(token: segments[2])
            return
        }
        guard count >= 5, segments[1] == "api", segments[3] == "v1" else {
            self = .unknown
            return
        }
        switch (segments[2], segments[4]) {
        case ("queue", "task") where count == 7 && segments[6] == "status":
            self = .status(taskId: decoded(5))
        case ("queue", "task")
        where count >= 10 && segments[6] == "runs"
            && segments[8] == "artifacts":
            self = .getArtifact(taskId: decoded(5), runId: decoded(7), name: rest(from: 9))
        case ("queue", "task") where count >= 8 && segments[6] == "artifacts":
            self = .getLatestArtifact(taskId: decoded(5), name: rest(from: 7))
        case ("queue", "task")
        where count >= 10 && segments[6] == "runs"
            && segments[8] == "artifact-content":
            self = .artifact(taskId: decoded(5), runId: decoded(7), name: rest(from: 9))
        case ("queue", "task") where count >= 8 && segments[6] == "artifact-content":
            self = .latestArtifact(taskId: decoded(5), name: rest(from: 7))
        case ("index", "task") where count >= 6:
            self = .findTask(namespace: rest(from: 5))
        case ("object", "start-download") where count >= 6:
            self = .startDownload(name: rest(from: 5))
        default:
            self = .unknown
        }
    }

    /// The public endpoint this route belongs to, or `nil` for an unknown path.
    var endpoint: TaskclusterEmulator.Endpoint? {
        switch self {
        case .status: .status
        case .getArtifact: .getArtifact
        case .getLatestArtifact: .getLatestArtifact
        case .artifact: .artifact
        case .latestArtifact: .latestArtifact
        case .findTask: .findTask
        case .startDownload: .startDownload
        case .blob: .blob
        case .unknown: nil
        }
    }

    /// Replaces each `%XX` escape by its byte, once; `+` stays a plus sign and a broken escape
    /// stays as it is. Bytes that are not UTF-8 become replacement characters.
    ///
    /// - Parameter text: Text from a path.
    /// - Returns: The decoded text.
    static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "%"), position + 2 < bytes.count,
                let high = hexValue(bytes[position + 1]), let low = hexValue(bytes[position + 2])
            {
                decoded.append(high << 4 | low)
                position += 3
            } else {
                decoded.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
