#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A system call that failed, with the operating system's reason.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done, for example `write` or `open /tmp/blob`.
    public var operation: String

    /// The `errno` value the call left.
    public var code: Int32

    /// Creates an error for `operation` with an explicit `errno` value.
    ///
    /// - Parameters:
    ///   - operation: What was being done.
    ///   - code: The `errno` value.
    public init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// Creates an error for `operation` from the current value of `errno`.
    ///
    /// - Parameter operation: What was being done.
    public init(_ operation: String) {
        self.init(operation, code: errno)
    }

    /// The operation and the system's reason, for example
    /// `write failed: No space left on device`.
    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code)))"
    }
}
