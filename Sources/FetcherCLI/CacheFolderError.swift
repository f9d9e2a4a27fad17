import Fetcher

/// The cache folder cannot be used: it cannot be created, read or written.
struct CacheFolderError: Error, CustomStringConvertible {
    /// The cache folder as given.
    var directory: String

    /// The failure, such as a ``SystemCallError``.
    var underlying: any Error

    /// `cannot use the cache folder <directory>: <failure>`.
    var description: String {
        "cannot use the cache folder \(directory): \(underlying)"
    }

    /// Runs `body`, turning the failed system calls it reports into a ``CacheFolderError``.
    ///
    /// - Parameters:
    ///   - directory: The cache folder.
    ///   - body: Work on the cache.
    /// - Returns: What `body` returns.
    /// - Throws: ``CacheFolderError`` for a `SystemCallError`; any other error of `body`.
    static func wrapping<Result>(_ directory: String, _ body: () throws -> Result) throws
        -> Result
    {
        do {
            return try body()
        } catch let error as SystemCallError {
            throw CacheFolderError(directory: directory, underlying: error)
        }
    }

    /// Runs `body`, turning the failed system calls it reports into a ``CacheFolderError``.
    ///
    /// - Parameters:
    ///   - directory: The cache folder.
    ///   - body: Work on the cache.
    /// - Returns: What `body` returns.
    /// - Throws: ``CacheFolderError`` for a `SystemCallError`; any other error of `body`.
    static func wrapping<Result>(_ directory: String, _ body: () async throws -> Result)
        async throws -> Result
    {
        do {
            return try await body()
        } catch let error as SystemCallError {
            throw CacheFolderError(directory: directory, underlying: error)
        }
    }
}
