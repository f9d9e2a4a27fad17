import Foundation

/// What the cache holds for one key, as listed by ``BlobCache/entries()``.
public struct CacheEntryInfo: Sendable, Hashable {
    /// The reference's hash key.
    public var hashKey: String

    /// The reference's scope sets, which a caller must satisfy to be served the entry.
    public var scopes: [[String]]

    /// The blob's length in bytes.
    public var size: Int64

    /// The blob's SHA-256 in lower-case hexadecimal.
    public var sha256: String

    /// When the entry was made.
    public var created: Date

    /// When the entry was last served (the blob file's access time).
    public var lastUsed: Date

    /// The blob file.
    public var path: String

    /// Describes an entry.
    ///
    /// - Parameters:
    ///   - hashKey: The reference's hash key.
    ///   - scopes: The reference's scope sets.
    ///   - size: The blob's length.
    ///   - sha256: The blob's SHA-256 in hexadecimal.
    ///   - created: When the entry was made.
    ///   - lastUsed: When it was last served.
    ///   - path: The blob file.
    public init(
        hashKey: String, scopes: [[String]], size: Int64, sha256: String, created: Date,
        lastUsed: Date, path: String
    ) {
        self.hashKey = hashKey
        self.scopes = scopes
        self.size = size
        self.sha256 = sha256
        self.created = created
        self.lastUsed = lastUsed
        self.path = path
    }
}
