import Foundation

extension JSONValue: CustomStringConvertible {
    /// Parses a JSON document.
    ///
    /// Parsing is strict (RFC 8259) and never crashes, whatever the bytes: text must be UTF-8
    /// (a leading byte order mark is skipped), nothing but whitespace may follow the value,
    /// arrays and objects may nest at most ``maximumNestingDepth`` levels, and an object with
    /// two members of the same key is refused rather than letting one silently win. `NaN`,
    /// `Infinity`, comments and trailing commas are not JSON and are refused too.
    /// - Parameter data: The document's bytes.
    /// - Throws: ``JSONParseError`` naming the first problem and its byte offset.
    public init(parsing data: Data) throws(JSONParseError) {
        self = try data.withUnsafeBytes { JSONParser.parse($0) }.get()
    }

    /// Parses a JSON document from text.
    ///
    /// The rules are those of ``init(parsing:)-(Data)``; error offsets count
    /// the bytes of the text's UTF-8 form.
    /// - Parameter text: The document.
    /// - Throws: ``JSONParseError`` naming the first problem and its byte offset.
    public init(parsing text: String) throws(JSONParseError) {
        var text = text
        self = try text.withUTF8 { JSONParser.parse(UnsafeRawBufferPointer($0)) }.get()
    }

    /// This value as JSON text, with object keys sorted by Unicode code point.
    ///
    /// The text is valid JSON and parses back to an equal value, except that non-finite
    /// numbers, which JSON cannot express, are written as `null`.
    /// - Parameter pretty: Whether to put each element and member on its own line, indented
    ///   by two spaces per level.
    /// - Returns: The JSON text.
    public func serialized(pretty: Bool = false) -> String {
        JSONWriter.serialize(self, pretty: pretty)
    }

    /// This value as compact JSON text, as ``serialized(pretty:)`` writes it.
    public var description: String {
        serialized()
    }
}
