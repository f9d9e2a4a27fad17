import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the cache keeps its files.
///
/// ```
/// <root>/CACHEDIR.TAG               marks the folder as a cache for backup tools
/// <root>/entries/<name>/blob        the blob of a committed entry
/// <root>/entries/<name>/meta.json   its metadata (``EntryMetadata``)
/// <root>/locks/<name>.lock          the lock of the key, held while its entry changes
/// <root>/tmp/<name>.<pid>.<random>.new   an entry being written
/// <root>/tmp/<name>.<pid>.<random>.old   an entry being removed
/// ```
///
/// `<name>` is the lower-case hexadecimal SHA-256 of the hash key, so a key never becomes a
/// path. An entry directory is filled in `tmp` and renamed into `entries` in one step: a name
/// under `entries` always holds a whole entry. Every file of `tmp` named after a key is made
/// and removed only by the holder of that key's lock, so whoever takes the lock may delete
/// what a dead holder left there.
struct CacheLayout: Sendable {
    /// The cache folder, as an absolute path.
    let root: String

    /// The layout of the cache in `root`.
    ///
    /// - Parameter root: The cache folder; a relative path starts from the current directory.
    init(root: String) {
        if root.hasPrefix("/") {
            self.root = root
        } else {
            self.root = FileManager.default.currentDirectoryPath + "/" + root
        }
    }

    /// The folder of committed entries.
    var entriesDirectory: String { root + "/entries" }

    /// The folder of entries being written or removed.
    var temporaryDirectory: String { root + "/tmp" }

    /// The folder of per-key lock files.
    var locksDirectory: String { root + "/locks" }

    /// The file that tells backup tools the folder is a cache.
    var tagFile: String { root + "/CACHEDIR.TAG" }

    /// The standard content of ``tagFile`` (see bford.info/cachedir).
    static let tagContent = """
        Signature: 8a477f597d28d172789f06886806bc55
        # This file marks a blob cache of the fetcher library.

        """

    /// The file name of the blob inside an entry directory.
    static let blobName = "blob"

    /// The file name of the metadata inside an entry directory.
    static let metadataName = "meta.json"

    /// The name an entry is stored under: the hexadecimal SHA-256 of its hash key.
    ///
    /// - Parameter hashKey: The reference's hash key.
    /// - Returns: 64 lower-case hexadecimal digits.
    static func entryName(forHashKey hashKey: String) -> String {
        Hex.encode(Digester.digest(.sha256, of: Array(hashKey.utf8)))
    }

    /// Whether `name` has the form of an entry name.
    ///
    /// - Parameter name: A file name.
    /// - Returns: `true` for 64 lower-case hexadecimal digits.
    static func isEntryName(_ name: some StringProtocol) -> Bool {
        name.utf8.count == 64
            && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The directory of the entry named `name`.
    func entryDirectory(_ name: String) -> String {
        entriesDirectory + "/" + name
    }

    /// The blob of the entry named `name`.
    func blobPath(_ name: String) -> String {
        entryDirectory(name) + "/" + Self.blobName
    }

    /// The lock file of the entry named `name`.
    func lockPath(_ name: String) -> String {
        locksDirectory + "/" + name + ".lock"
    }

    /// A new temporary path for the entry named `name`.
    ///
    /// - Parameters:
    ///   - name: The entry's name.
    ///   - purpose: `new` for an entry being written, `old` for one being removed.
    /// - Returns: A path in ``temporaryDirectory`` that nothing else uses.
    func temporaryPath(_ name: String, purpose: String) -> String {
        "\(temporaryDirectory)/\(name).\(getpid()).\(CacheFiles.randomSuffix()).\(purpose)"
    }

    /// The entry name a temporary file belongs to, or `nil` for a foreign file.
    ///
    /// - Parameter temporaryName: A file name in ``temporaryDirectory``.
    /// - Returns: The entry name it starts with.
    static func entryName(ofTemporary temporaryName: String) -> String? {
        guard let dot = temporaryName.firstIndex(of: ".") else {
            return nil
        }
        let name = temporaryName[..<dot]
        return isEntryName(name) ? String(name) : nil
    }
}
