extension Schema {
    /// The most violations of one alternative that a `oneOf` message lists.
    private static let violationsListedPerAlternative = 3

    /// Checks a value against this schema.
    ///
    /// Every failure is reported, not only the first: object members are visited in the
    /// order of their names' code points, and for each value the rules in a fixed order.
    /// Validation follows the schema, so its depth is that of the schema, whatever the value.
    /// - Parameter value: The value to check.
    /// - Returns: The violations; empty when the value matches.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        collectViolations(of: value, at: "", into: &violations)
        return violations
    }

    /// Whether a value matches this schema.
    ///
    /// - Parameter value: The value to check.
    /// - Returns: `true` when ``validate(_:)`` finds no violation.
    public func matches(_ value: JSONValue) -> Bool {
        validate(value).isEmpty
    }

    /// Checks a value against this schema and returns it if it matches.
    ///
    /// - Parameter value: The value to check.
    /// - Returns: `value`, unchanged.
    /// - Throws: ``SchemaValidationError`` listing every violation.
    @discardableResult
    public func validated(_ value: JSONValue) throws(SchemaValidationError) -> JSONValue {
        let violations = validate(value)
        guard violations.isEmpty else {
            throw SchemaValidationError(schemaTitle: title, violations: violations)
        }
        return value
    }

    private func collectViolations(
        of value: JSONValue, at path: String, into violations: inout [SchemaViolation]
    ) {
        switch kind {
        case .object(let properties, let required, let additionalProperties):
            guard case .object(let members) = value else {
                return violations.append(Self.kindMismatch("an object", value, at: path))
            }
            let names = Set(members.keys).union(required).sorted {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
            for name in names {
                let memberPath = JSONPointer.appending(name, to: path)
                if let member = members[name] {
                    if let property = properties[name] {
                        property.collectViolations(of: member, at: memberPath, into: &violations)
                    } else if !additionalProperties {
                        violations.append(
                            SchemaViolation(path: memberPath, message: "property is not allowed"))
                    }
                } else {
                    violations.append(
                        SchemaViolation(path: memberPath, message: "required property is missing"))
                }
            }
        case .string(let pattern, let minLength, let maxLength, let format):
            guard case .string(let text) = value else {
                return violations.append(Self.kindMismatch("a string", value, at: path))
            }
            let messages = Self.stringMessages(
                text, pattern: pattern, minLength: minLength, maxLength: maxLength, format: format)
            violations += messages.map { SchemaViolation(path: path, message: $0) }
        case .integer(let minimum, let maximum):
            guard let message = Self.integerMessage(value, minimum: minimum, maximum: maximum)
            else {
                return
            }
            violations.append(SchemaViolation(path: path, message: message))
        case .oneOf(let alternatives):
            guard let message = Self.oneOfMessage(value, at: path, alternatives: alternatives)
            else {
                return
            }
            violations.append(SchemaViolation(path: path, message: message))
        }
    }

    private static func kindMismatch(
        _ expected: String, _ value: JSONValue, at path: String
    ) -> SchemaViolation {
        SchemaViolation(path: path, message: "expected \(expected), got \(value.kindName)")
    }

    private static func stringMessages(
        _ text: String, pattern: String?, minLength: Int?, maxLength: Int?,
        format: StringFormat?
    ) -> [String] {
        var messages: [String] = []
        let length = text.unicodeScalars.count
        if let minLength, length < minLength {
            messages.append("length \(length) is less than the minimum length \(minLength)")
        }
        if let maxLength, length > maxLength {
            messages.append("length \(length) is greater than the maximum length \(maxLength)")
        }
        if format == .uri, !HTTPURLFormat.isValid(text) {
            messages.append("\(MessageText.quoted(text)) is not an absolute http or https URL")
        }
        if let pattern {
            let byteCount = text.utf8.count
            if byteCount > PatternMatcher.maximumInputLength {
                messages.append(
                    "a string of \(byteCount) bytes is too long to check against the pattern "
                        + "\(pattern) (the limit is \(PatternMatcher.maximumInputLength) bytes)")
            } else {
                switch PatternMatcher.pattern(pattern, matches: text) {
                case nil:
                    messages.append("the pattern \(pattern) is not a valid regular expression")
                case false:
                    messages.append(
                        "\(MessageText.quoted(text)) does not match the pattern \(pattern)")
                case true:
                    break
                }
            }
        }
        return messages
    }

    /// The integer rule that `value` breaks, if any.
    private static func integerMessage(
        _ value: JSONValue, minimum: Int64?, maximum: Int64?
    ) -> String? {
        let integer: Int64
        switch value {
        case .integer(let exact):
            integer = exact
        case .number(let number) where number.isFinite && number.rounded(.towardZero) == number:
            guard let exact = Int64(exactly: number) else {
                // An integral number beyond Int64 exceeds every bound on its side.
                if number > 0, let maximum {
                    return "\(value) is greater than the maximum \(maximum)"
                }
                if number < 0, let minimum {
                    return "\(value) is less than the minimum \(minimum)"
                }
                return nil
            }
            integer = exact
        default:
            return "expected an integer, got \(value.kindName)"
        }
        if let minimum, integer < minimum {
            return "\(value) is less than the minimum \(minimum)"
        }
        if let maximum, integer > maximum {
            return "\(value) is greater than the maximum \(maximum)"
        }
        return nil
    }

    /// Why `value` does not match exactly one alternative, or `nil` if it does.
    private static func oneOfMessage(
        _ value: JSONValue, at path: String, alternatives: [Schema]
    ) -> String? {
        var matching: [String] = []
        var refusals: [String] = []
        for (index, alternative) in alternatives.enumerated() {
            let name = alternative.title ?? "alternative \(index + 1)"
            var violations: [SchemaViolation] = []
            alternative.collectViolations(of: value, at: path, into: &violations)
            if violations.isEmpty {
                matching.append(name)
            } else {
                refusals.append(" (\(name): \(summary(of: violations, at: path)))")
            }
        }
        switch matching.count {
        case 1:
            return nil
        case 0:
            let count =
                alternatives.count == 1 ? "1 alternative" : "\(alternatives.count) alternatives"
            return "matches none of the \(count)" + refusals.joined()
        default:
            return "matches more than one alternative: " + matching.joined(separator: ", ")
        }
    }

    /// A short list of violations: a violation at `path` itself shows only its message.
    private static func summary(of violations: [SchemaViolation], at path: String) -> String {
        let listed = violations.prefix(violationsListedPerAlternative).map { violation in
            violation.path == path ? violation.message : violation.description
        }
        let more = violations.count - listed.count
        return (listed + (more > 0 ? ["and \(more) more"] : [])).joined(separator: "; ")
    }
}
