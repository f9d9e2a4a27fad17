import Fetcher
import Foundation

extension EmulatorCore {
    /// Answers index `findTask`.
    ///
    /// - Parameter namespace: The decoded namespace from the path.
    /// - Returns: 200 with `{"namespace", "taskId", "rank", "data", "expires"}`, or 404.
    func findTask(namespace: String) -> ServerResponse {
        guard let entry = state.withLock({ $0.index[namespace] }) else {
            return .taskclusterError(
                status: 404, code: "ResourceNotFound",
                message: "indexed task not found for namespace \(namespace)")
        }
        let body: JSONValue = [
            "namespace": .string(namespace), "taskId": .string(entry.taskId),
            "rank": .integer(entry.rank), "data": entry.data,
            "expires": .string(Self.timestamp(entry.expires)),
        ]
        return .json(body.serialized())
    }
}
