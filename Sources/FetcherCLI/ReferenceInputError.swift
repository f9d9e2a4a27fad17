/// A REFERENCE argument that cannot be read or is not JSON: exit code 2, without the usage hint.
struct ReferenceInputError: Error, CustomStringConvertible {
    /// What is wrong, as one sentence without the `fetcher:` prefix.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
