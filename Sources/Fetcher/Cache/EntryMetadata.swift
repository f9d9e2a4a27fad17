import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the cache records about an entry, stored as `meta.json` beside the blob.
///
/// ```json
/// {"format": 1, "hashKey": "2:<taskId>/0/public/app.tar", "scopes": [[]],
///  "size": 1048576, "sha256": "<64 hex digits>", "created": "2025-01-31T12:00:00.123Z",
///  "blobInode": 1234567, "blobModified": 1738324800123456789}
/// ```
///
/// `blobInode` and `blobModified` (nanoseconds since the epoch) describe the blob file as it
/// was written; with ``BlobCache/Verification/whenFileChanged`` an entry whose file still
/// matches them and its size is not hashed again. The last use is not stored here but in the
/// blob's access time, so a hit writes no file.
struct EntryMetadata: Codable, Sendable, Hashable {
    /// The version of this layout.
    static let currentFormat = 1

    /// The largest metadata file read; anything longer is not metadata of this cache.
    static let maximumLength = 1 << 20

    /// The version of the layout the entry was written with.
    var format: Int

    /// The reference's hash key.
    var hashKey: String

    /// The reference's scope sets when the entry was made.
    var scopes: [[String]]

    /// The blob's length in bytes.
    var size: Int64

    /// The lower-case hexadecimal SHA-256 of the blob.
    var sha256: String

    /// When the entry was made, in ISO 8601 form.
    var created: String

    /// The blob file's inode number when it was written.
    var blobInode: UInt64

    /// The blob file's modification time when it was written, in nanoseconds since the epoch.
    var blobModified: Int64

    /// The creation time as a date, or the epoch if the text cannot be read.
    var createdDate: Date {
        (try? Self.dateStyle.parse(created)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Records an entry made now.
    ///
    /// - Parameters:
    ///   - hashKey: The reference's hash key.
    ///   - scopes: The reference's scope sets.
    ///   - size: The blob's length.
    ///   - sha256: The blob's SHA-256 in hexadecimal.
    ///   - blobInode: The blob file's inode number.
    ///   - blobModified: The blob file's modification time in nanoseconds.
    init(
        hashKey: String, scopes: [[String]], size: Int64, sha256: String, blobInode: UInt64,
        blobModified: Int64
    ) {
        self.format = Self.currentFormat
        self.hashKey = hashKey
        self.scopes = scopes
        self.size = size
        self.sha256 = sha256
        self.created = Date().formatted(Self.dateStyle)
        self.blobInode = blobInode
        self.blobModified = blobModified
    }

    /// Reads the metadata of an entry.
    ///
    /// - Parameter directory: The open entry directory.
    /// - Returns: The metadata, or `nil` when the file is missing or is not metadata of this
    ///   format.
    /// - Throws: ``SystemCallError`` when the file exists but cannot be read.
    static func read(inEntry directory: Int32) throws -> EntryMetadata? {
        guard
            let descriptor = try CacheFiles.openForReading(
                CacheLayout.metadataName, relativeTo: directory)
        else {
            return nil
        }
        defer { close(descriptor) }
        let bytes = try CacheFiles.readAll(descriptor, limit: maximumLength)
        guard let json = try? JSONValue(parsing: Data(bytes)),
            let metadata = try? json.decode(EntryMetadata.self),
            metadata.format == currentFormat
        else {
            return nil
        }
        return metadata
    }

    /// The metadata as JSON text.
    func serialized() throws -> [UInt8] {
        Array(try JSONValue(encoding: self).serialized().utf8)
    }

    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
