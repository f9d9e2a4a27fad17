extension Schema {
    /// The URI of JSON Schema draft-07, the `$schema` of ``jsonSchemaDocument``.
    public static let draft07URI = "http://json-schema.org/draft-07/schema#"

    /// This schema as a JSON Schema fragment, in draft-07 keywords: `type`, `properties`,
    /// `required`, `additionalProperties`, `pattern`, `minLength`, `maxLength`, `format`,
    /// `minimum`, `maximum`, `oneOf`, `title` and `description`.
    ///
    /// Keywords without a value are left out, and so is an empty `required`. The format
    /// ``StringFormat/uri`` is exported as `"uri"`, which other validators check less strictly.
    public var jsonSchema: JSONValue {
        var members: [String: JSONValue] = [:]
        if let title {
            members["title"] = .string(title)
        }
        if let description {
            members["description"] = .string(description)
        }
        switch kind {
        case .object(let properties, let required, let additionalProperties):
            members["type"] = "object"
            members["properties"] = .object(properties.mapValues(\.jsonSchema))
            if !required.isEmpty {
                members["required"] = .array(required.map(JSONValue.string))
            }
            members["additionalProperties"] = .bool(additionalProperties)
        case .string(let pattern, let minLength, let maxLength, let format):
            members["type"] = "string"
            members["pattern"] = pattern.map(JSONValue.string)
            members["minLength"] = minLength.map { .integer(Int64($0)) }
            members["maxLength"] = maxLength.map { .integer(Int64($0)) }
            members["format"] = format.map { .string($0.rawValue) }
        case .integer(let minimum, let maximum):
            members["type"] = "integer"
            members["minimum"] = minimum.map(JSONValue.integer)
            members["maximum"] = maximum.map(JSONValue.integer)
        case .oneOf(let alternatives):
            members["oneOf"] = .array(alternatives.map(\.jsonSchema))
        }
        return .object(members)
    }

    /// This schema as a whole draft-07 JSON Schema document: ``jsonSchema`` with
    /// `"$schema": "http://json-schema.org/draft-07/schema#"`.
    public var jsonSchemaDocument: JSONValue {
        guard case .object(var members) = jsonSchema else {
            return jsonSchema
        }
        members["$schema"] = .string(Self.draft07URI)
        return .object(members)
    }
}
