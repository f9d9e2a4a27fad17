/// Why a ``JSONValue`` could not be decoded into a `Decodable` type.
///
/// The ``description`` names the type, the JSON Pointer of the value that did not fit and
/// what was wrong, for example
/// `cannot decode ArtifactOptions: /runId: expected an integer, got a string`.
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name of the type that was being decoded.
    public var typeName: String

    /// The JSON Pointer (RFC 6901) of the value that did not fit; `""` for the root.
    public var path: String

    /// What was wrong with that value.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - typeName: The type being decoded.
    ///   - path: The JSON Pointer of the value that did not fit.
    ///   - message: What was wrong with it.
    public init(typeName: String, path: String, message: String) {
        self.typeName = typeName
        self.path = path
        self.message = message
    }

    /// The type, the path (`(root)` for the whole value) and the problem.
    public var description: String {
        "cannot decode \(typeName): \(JSONPointer.displayed(path)): \(message)"
    }
}
