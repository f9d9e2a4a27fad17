/// A JSON Schema, in the small subset that references need: objects with named properties,
/// strings with lengths, a pattern or the URL format, bounded integers, and `oneOf`.
///
/// A schema checks a ``JSONValue`` and reports every rule that fails, each at its JSON
/// Pointer (see ``validate(_:)``), and exports itself as a draft-07 JSON Schema document
/// (see ``jsonSchemaDocument``).
///
/// ```swift
/// let artifact = Schema.object(
///     title: "Artifact",
///     properties: [
///         "taskId": .string(pattern: "^[A-Za-z0-9_-]{22}$"),
///         "runId": .integer(minimum: 0, maximum: 50),
///     ],
///     required: ["taskId"])
/// try artifact.validated(["taskId": "fN1SbArXTPSVFNUvaOlinQ", "runId": 0])
/// ```
public struct Schema: Sendable, Hashable {
    /// The rules of a schema, by the type of value it accepts.
    public enum Kind: Sendable, Hashable {
        /// An object whose members named in `properties` match their schemas, which has
        /// every member named in `required`, and which has no other member unless
        /// `additionalProperties` allows it.
        case object(properties: [String: Schema], required: [String], additionalProperties: Bool)
        /// A string whose length in Unicode code points is within `minLength...maxLength`,
        /// in which the regular expression `pattern` finds a match, and which has `format`.
        case string(pattern: String?, minLength: Int?, maxLength: Int?, format: StringFormat?)
        /// An integer within `minimum...maximum`; a number with an exact integral value, such
        /// as `5.0`, counts as an integer.
        case integer(minimum: Int64?, maximum: Int64?)
        /// A value that matches exactly one of the alternatives.
        case oneOf([Schema])
    }

    /// A format that a string must have.
    public enum StringFormat: String, Sendable, Hashable, CaseIterable {
        /// An absolute `http` or `https` URL with a non-empty host, made only of the characters
        /// that RFC 3986 allows (so no spaces), with well-formed percent escapes.
        ///
        /// This is stricter than JSON Schema's `uri` format, under which it is exported: other
        /// schemes and relative references are refused.
        case uri
    }

    /// A short name for the values this schema accepts, used in messages and in the export.
    public var title: String?

    /// What the values this schema accepts mean.
    public var description: String?

    /// The rules.
    public var kind: Kind

    /// Creates a schema from its rules.
    ///
    /// - Parameters:
    ///   - kind: The rules.
    ///   - title: A short name for the values the schema accepts.
    ///   - description: What those values mean.
    public init(kind: Kind, title: String? = nil, description: String? = nil) {
        self.kind = kind
        self.title = title
        self.description = description
    }

    /// A schema for objects.
    ///
    /// - Parameters:
    ///   - title: A short name for the objects.
    ///   - description: What they mean.
    ///   - properties: The schema of each member that may appear.
    ///   - required: The names of the members that must appear.
    ///   - additionalProperties: Whether members not named in `properties` are allowed.
    /// - Returns: The schema.
    public static func object(
        title: String? = nil, description: String? = nil, properties: [String: Schema],
        required: [String] = [], additionalProperties: Bool = false
    ) -> Schema {
        let kind = Kind.object(
            properties: properties, required: required,
            additionalProperties: additionalProperties)
        return Schema(kind: kind, title: title, description: description)
    }

    /// A schema for strings.
    ///
    /// - Parameters:
    ///   - title: A short name for the strings.
    ///   - description: What they mean.
    ///   - pattern: A regular expression (ICU syntax) that must find a match somewhere in the
    ///     string; anchor it with `^` and `$` to match the whole string. Strings longer than
    ///     64 KiB of UTF-8 are refused as too long to check.
    ///   - minLength: The fewest Unicode code points allowed.
    ///   - maxLength: The most Unicode code points allowed.
    ///   - format: A format the string must have.
    /// - Returns: The schema.
    public static func string(
        title: String? = nil, description: String? = nil, pattern: String? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, format: StringFormat? = nil
    ) -> Schema {
        let kind = Kind.string(
            pattern: pattern, minLength: minLength, maxLength: maxLength, format: format)
        return Schema(kind: kind, title: title, description: description)
    }

    /// A schema for integers.
    ///
    /// - Parameters:
    ///   - title: A short name for the integers.
    ///   - description: What they mean.
    ///   - minimum: The smallest integer allowed.
    ///   - maximum: The largest integer allowed.
    /// - Returns: The schema.
    public static func integer(
        title: String? = nil, description: String? = nil, minimum: Int64? = nil,
        maximum: Int64? = nil
    ) -> Schema {
        Schema(
            kind: .integer(minimum: minimum, maximum: maximum), title: title,
            description: description)
    }

    /// A schema for values that match exactly one of several schemas.
    ///
    /// - Parameters:
    ///   - alternatives: The schemas; messages name each by its title, or else by its
    ///     position counted from 1.
    ///   - title: A short name for the values.
    ///   - description: What they mean.
    /// - Returns: The schema.
    public static func oneOf(
        _ alternatives: [Schema], title: String? = nil, description: String? = nil
    ) -> Schema {
        Schema(kind: .oneOf(alternatives), title: title, description: description)
    }
}
