/// A response as read by ``LoopbackClient``.
struct TestResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    /// Whether the body arrived in full, as its framing announced.
    var complete: Bool

    /// The first header with this name, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
