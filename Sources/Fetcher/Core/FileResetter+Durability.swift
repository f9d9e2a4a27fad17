#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileResetter {
    /// Flushes the file's data to the storage device (`fdatasync`).
    ///
    /// - Throws: ``SystemCallError`` when the flush fails.
    public func synchronize() throws {
        guard fdatasync(fileDescriptor) == 0 else {
            throw SystemCallError("fdatasync")
        }
    }
}
