/// A cache operation that could not be completed, for a reason of the cache itself (failed
/// system calls are ``SystemCallError``s).
public struct BlobCacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the operation failed.
    public enum Reason: Sendable, Hashable {
        /// Other users of the cache replaced or removed the entry at every try.
        case entryKeepsChanging(attempts: Int)
        /// The entry was closed before this use.
        case entryClosed
        /// The blob file holds fewer bytes than its entry records.
        case entryTruncated(expected: Int64, found: Int64)
        /// The blob's SHA-256, computed while it was copied, differs from the recorded one.
        case entryCorrupt(expectedSHA256: String, computedSHA256: String)
        /// The entry's path or descriptor was asked for before its content was checked.
        case entryNotVerified
    }

    /// The hash key of the entry concerned.
    public var hashKey: String

    /// Why the operation failed.
    public var reason: Reason

    /// Makes the error.
    ///
    /// - Parameters:
    ///   - hashKey: The hash key of the entry concerned.
    ///   - reason: Why the operation failed.
    public init(hashKey: String, reason: Reason) {
        self.hashKey = hashKey
        self.reason = reason
    }

    /// `cache entry <hash key>: <reason>`.
    public var description: String {
        let text =
            switch reason {
            case .entryKeepsChanging(let attempts):
                "it was replaced or removed by another user of the cache \(attempts) times in a row"
            case .entryClosed:
                "it was used after being closed"
            case .entryTruncated(let expected, let found):
                "its blob file holds \(found) bytes instead of \(expected)"
            case .entryCorrupt(let expected, let computed):
                "its blob's SHA-256 is \(computed) instead of the recorded \(expected)"
            case .entryNotVerified:
                "its file was asked for before a copy checked its content"
            }
        return "cache entry \(hashKey): \(text)"
    }
}
