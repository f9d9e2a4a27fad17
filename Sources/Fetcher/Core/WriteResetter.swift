/// A byte sink that can discard everything written to it and start again.
///
/// A fetch that has to restart from byte 0 calls ``reset()`` before writing again, so a target
/// never holds bytes of two attempts.
public protocol WriteResetter: AnyObject, Sendable {
    /// Appends `bytes`.
    ///
    /// - Parameter bytes: The bytes to append; they are valid only during the call.
    /// - Throws: Any error of the underlying storage; the fetch stops with that error.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Discards everything written so far.
    ///
    /// - Throws: Any error of the underlying storage.
    func reset() throws
}

extension WriteResetter {
    /// Appends the bytes of `bytes`.
    ///
    /// - Parameter bytes: The bytes to append.
    /// - Throws: Any error of the underlying storage.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
