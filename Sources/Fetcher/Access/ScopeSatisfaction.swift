/// Tells whether held scopes satisfy a requirement given as alternative scope sets.
///
/// A set is satisfied when every scope in it is matched by a held scope. A held scope matches
/// a required scope when they are equal, or when the held scope ends in `*` and the required
/// scope starts with the part before that `*` (so `*` alone matches everything). A `*`
/// anywhere else is an ordinary character. The requirement is met when any one set is
/// satisfied: `[[]]` is always met, `[]` never.
///
/// - Parameters:
///   - held: The scopes a caller holds.
///   - scopeSets: The alternative sets, for example a reference's `scopes`.
/// - Returns: `true` when at least one set is satisfied.
public func scopesSatisfy(held: [String], required scopeSets: [[String]]) -> Bool {
    scopeSets.contains { scopeSet in
        scopeSet.allSatisfy { required in
            held.contains { scopeSatisfies(held: $0, required: required) }
        }
    }
}

/// Tells whether one held scope matches one required scope; see `scopesSatisfy`.
///
/// - Parameters:
///   - held: A held scope, possibly ending in `*`.
///   - required: A required scope.
/// - Returns: `true` when the held scope grants the required one.
public func scopeSatisfies(held: String, required: String) -> Bool {
    if held.hasSuffix("*") {
        return required.hasPrefix(held.dropLast())
    }
    return held == required
}
