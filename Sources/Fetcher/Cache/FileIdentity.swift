#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file a name or a descriptor leads to: its device and inode numbers.
///
/// Two looks at one name that give the same identity saw the same file; a rename that puts
/// another file there changes it.
struct FileIdentity: Sendable, Hashable {
    /// The device holding the file.
    var device: UInt64

    /// The file's inode number on that device.
    var inode: UInt64

    /// The identity of a status.
    ///
    /// - Parameter status: The result of `stat` or `fstat`.
    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identity of an open file.
    ///
    /// - Parameter descriptor: The file.
    /// - Throws: ``SystemCallError`` when `fstat` fails.
    init(descriptor: Int32) throws {
        self.init(try CacheFiles.status(of: descriptor))
    }

    /// The identity of what `path` names now, or `nil` when nothing is there.
    ///
    /// - Parameter path: The file or directory.
    init?(path: String) {
        guard let status = CacheFiles.status(ofPath: path) else {
            return nil
        }
        self.init(status)
    }
}
