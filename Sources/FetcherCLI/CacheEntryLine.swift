import Fetcher
import Foundation

/// The lines `fetcher cache list` and `cache prune` print for cache entries.
///
/// Hash keys are redacted, since the hash key of a URL is the URL, which may be signed.
enum CacheEntryLine {
    /// One line per entry: last use in UTC, size in bytes (aligned to the right), SHA-256 and
    /// hash key, two spaces apart. The hash key, which may hold spaces, comes last.
    ///
    /// - Parameter entries: The entries.
    /// - Returns: The lines, without line ends.
    static func text(_ entries: [CacheEntryInfo]) -> [String] {
        let width = entries.map { String($0.size).count }.max() ?? 0
        return entries.map { entry in
            let size = String(entry.size)
            let padding = String(repeating: " ", count: width - size.count)
            let fields = [
                timestamp(entry.lastUsed), padding + size, entry.sha256,
                Redaction.redact(text: entry.hashKey),
            ]
            return fields.joined(separator: "  ")
        }
    }

    /// One JSON object: `hashKey`, `size`, `sha256`, `lastUsed`, `created`, `scopes` and
    /// `path`.
    ///
    /// - Parameter entry: The entry.
    /// - Returns: The line, without a line end.
    static func json(_ entry: CacheEntryInfo) -> String {
        let scopes = entry.scopes.map { JSONValue.array($0.map(JSONValue.string)) }
        let object: JSONValue = [
            "hashKey": .string(Redaction.redact(text: entry.hashKey)),
            "size": .integer(entry.size),
            "sha256": .string(entry.sha256),
            "lastUsed": .string(timestamp(entry.lastUsed)),
            "created": .string(timestamp(entry.created)),
            "scopes": .array(scopes),
            "path": .string(entry.path),
        ]
        return object.serialized()
    }

    /// `2025-06-01T10:00:00Z`: the time in UTC, to the second.
    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
