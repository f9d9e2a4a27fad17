#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output file (or its temporary file) cannot be created, written or put in place.
struct OutputFileError: Error, CustomStringConvertible {
    /// What was being done, such as `create` or `write`.
    var action: String

    /// The file, or `standard output`.
    var path: String

    /// The `errno` value the failing call left.
    var code: Int32

    /// `cannot <action> <path>: <reason>`.
    var description: String {
        "cannot \(action) \(path): \(String(cString: strerror(code)))"
    }
}
