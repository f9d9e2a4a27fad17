/// The reading of a `Range` header against a body of known length.
enum ByteRangeRequest: Equatable {
    /// Serve these bytes with 206.
    case satisfiable(Range<Int>)
    /// No byte of the body is in range: answer 416.
    case unsatisfiable
    /// The header is not a single byte range this server understands: serve the full body.
    case ignored

    /// Reads `bytes=N-`, `bytes=N-M` or `bytes=-S` (the last S bytes).
    /// - Parameters:
    ///   - header: The `Range` header value.
    ///   - length: The length of the full body.
    init(header: String, length: Int) {
        let text = header.trimmingOptionalWhitespace()
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else {
            self = .ignored
            return
        }
        let spec = text.dropFirst("bytes=".count).trimmingOptionalWhitespace()
        guard let dash = spec.firstIndex(of: "-") else {
            self = .ignored
            return
        }
        let firstText = spec[..<dash]
        let lastText = spec[spec.index(after: dash)...]
        if firstText.isEmpty {
            guard let suffix = Self.number(lastText) else {
                self = .ignored
                return
            }
            let start = max(0, length - suffix)
            self = suffix == 0 || length == 0 ? .unsatisfiable : .satisfiable(start..<length)
            return
        }
        guard let first = Self.number(firstText) else {
            self = .ignored
            return
        }
        var last = length - 1
        if !lastText.isEmpty {
            guard let given = Self.number(lastText), given >= first else {
                self = .ignored
                return
            }
            last = min(given, length - 1)
        }
        self = first >= length ? .unsatisfiable : .satisfiable(first..<(last + 1))
    }

    /// A decimal number of digits only, or `nil` (also on overflow).
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return Int(text)
    }
}
