/// A kind of reference that the library knows how to fetch.
///
/// A fetcher declares a JSON Schema that matches only its own references, and turns options
/// matching that schema into a ``Reference``. Making a reference may resolve it partially (for
/// example look up which task an index path points at) so that its hash key is stable.
public protocol Fetcher: Sendable {
    /// The schema of this fetcher's references; it matches no other fetcher's references.
    var schema: Schema { get }

    /// Makes a reference from options that match ``schema``.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Cancellation, Taskcluster client and progress for any look-ups needed.
    /// - Returns: The reference, with its hash key and scopes resolved.
    /// - Throws: ``SchemaValidationError`` when `options` do not match ``schema``,
    ///   ``BrokenReferenceError`` when the referenced blob cannot exist, or a transient error
    ///   from a look-up.
    func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
}

extension Fetcher {
    /// Validates `options` against ``schema`` and decodes them into a typed value.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - type: The type the options decode into.
    /// - Returns: The decoded options.
    /// - Throws: ``SchemaValidationError`` listing every rule that failed, or a decoding error.
    public func decodeOptions<Options: Decodable>(
        _ options: JSONValue, as type: Options.Type = Options.self
    ) throws -> Options {
        try schema.validated(options)
        return try options.decode(type)
    }
}
