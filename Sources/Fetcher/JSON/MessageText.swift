/// Shows user input inside messages without letting a huge value flood them.
enum MessageText {
    /// The most Unicode scalars of a string that a message quotes.
    static let quotedLengthLimit = 40

    /// `text` as a JSON string literal, cut after ``quotedLengthLimit`` scalars.
    ///
    /// A cut string ends with `…` inside the quotes and is followed by its full length, such
    /// as `"aaaa…" (2000 characters)`, so a 10 MB string never ends up in a message.
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var prefix = String.UnicodeScalarView()
        var count = 0
        for scalar in scalars {
            if count == quotedLengthLimit {
                let total = scalars.count
                return "\(JSONWriter.quoted(String(prefix) + "…")) (\(total) characters)"
            }
            prefix.append(scalar)
            count += 1
        }
        return JSONWriter.quoted(text)
    }
}
