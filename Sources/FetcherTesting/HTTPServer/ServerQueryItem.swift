/// One `name=value` pair of a request's query string, percent-decoded.
public struct ServerQueryItem: Sendable, Equatable, CustomStringConvertible {
    /// The decoded name.
    public var name: String

    /// The decoded value, or `nil` when the item had no `=`.
    public var value: String?

    /// The item as `name=value` (or just `name`), decoded.
    public var description: String { value.map { "\(name)=\($0)" } ?? name }

    /// Makes a query item.
    /// - Parameters:
    ///   - name: The decoded name.
    ///   - value: The decoded value, or `nil` for an item without `=`.
    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}
