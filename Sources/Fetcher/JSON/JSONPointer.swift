/// Builds and splits JSON Pointers (RFC 6901), the paths that messages use to name a place
/// inside a JSON document.
enum JSONPointer {
    /// The pointer of the member or element `token` inside the value at `pointer`.
    ///
    /// `~` is written `~0` and `/` is written `~1`, as RFC 6901 requires.
    static func appending(_ token: String, to pointer: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(token.utf8.count)
        for character in token.unicodeScalars {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return pointer + "/" + escaped
    }

    /// The unescaped reference tokens of `pointer`, or `nil` if it is not a valid pointer.
    static func tokens(of pointer: String) -> [String]? {
        guard !pointer.isEmpty else {
            return []
        }
        guard pointer.hasPrefix("/") else {
            return nil
        }
        var tokens: [String] = []
        for part in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = part.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "~" else {
                    token.unicodeScalars.append(scalar)
                    continue
                }
                switch scalars.next() {
                case "0": token += "~"
                case "1": token += "/"
                default: return nil
                }
            }
            tokens.append(token)
        }
        return tokens
    }

    /// The array index that `token` spells: digits without a leading zero.
    static func arrayIndex(_ token: String) -> Int? {
        let isDigits = !token.isEmpty && token.utf8.allSatisfy { (0x30...0x39).contains($0) }
        guard isDigits, token == "0" || !token.hasPrefix("0") else {
            return nil
        }
        return Int(token)
    }

    /// The pointer as messages show it: `(root)` for the whole document.
    static func displayed(_ pointer: String) -> String {
        pointer.isEmpty ? "(root)" : pointer
    }
}
