/// Removes secrets from URLs and messages before they reach errors, progress text or logs.
///
/// A query or fragment parameter is secret when its name (compared without regard to case,
/// after percent-decoding) is one of `sensitiveParameterNames` or contains one of
/// `sensitiveNameParts`: Taskcluster's `bewit`, S3's `X-Amz-Signature`, `X-Amz-Credential` and
/// `X-Amz-Security-Token`, CloudFront's `Signature`, `Policy` and `Key-Pair-Id`, Azure's `sig`,
/// OAuth's `access_token`, and the like. Its value becomes `REDACTED`; an empty value stays
/// empty. The password of a URL's user information becomes `REDACTED` too
/// (`https://user:REDACTED@host/`). Malformed input is returned with whatever could be
/// recognised redacted; nothing here traps.
public enum Redaction {
    /// The text that replaces a secret.
    public static let replacement = "REDACTED"

    /// Parameter names whose values are secret, in lower case.
    public static let sensitiveParameterNames: Set<String> = [
        "bewit", "sig", "signature", "token", "access_token", "accesstoken", "refresh_token",
        "id_token", "auth", "password", "passwd", "pwd", "secret", "client_secret", "api_key",
        "apikey", "key", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
        "x-goog-signature", "x-goog-credential", "googleaccessid", "key-pair-id", "policy",
        "awsaccesskeyid", "ossaccesskeyid",
    ]

    /// Parts of parameter names that make their values secret wherever they appear in the
    /// name, in lower case (`X-Foo-Token`, `upload_secret`, ...).
    public static let sensitiveNameParts = [
        "token", "secret", "signature", "password", "credential",
    ]

    /// Tells whether a query parameter with this name carries a secret.
    ///
    /// - Parameter name: The parameter name as written in the URL (percent-encoded or not).
    /// - Returns: `true` when its value must be redacted.
    public static func isSensitiveParameter(_ name: some StringProtocol) -> Bool {
        let decoded = percentDecoded(Array(name.utf8)).lowercased()
        return sensitiveParameterNames.contains(decoded)
            || sensitiveNameParts.contains(where: { decoded.contains($0) })
    }

    /// Redacts one URL (absolute, or a request target such as `/path?query`).
    ///
    /// - Parameter url: The URL text.
    /// - Returns: The URL with secret parameter values and the user-information password
    ///   replaced by `REDACTED`, everything else unchanged.
    public static func redact(url: String) -> String {
        let bytes = Array(url.utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        redactURL(bytes[...], into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Redacts every URL and every `name=value` parameter list found in free text, such as an
    /// error message or a libcurl message.
    ///
    /// The text is cut into words at white space, quotes, angle brackets and back quotes;
    /// punctuation that ends a sentence (`.`, `,`, `)`, ...) is not taken as part of a URL.
    /// Words that contain `://` or `?` are redacted as URLs; other words with `=` are read as
    /// `&`-separated parameter lists (as in `token=abc&size=1`).
    ///
    /// - Parameter text: The text.
    /// - Returns: The text with every secret replaced by `REDACTED`.
    public static func redact(text: String) -> String {
        let bytes = Array(text.utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if isWordBoundary(bytes[index]) {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !isWordBoundary(bytes[end]) {
                end += 1
            }
            var wordEnd = end
            while wordEnd > index, isTrailingPunctuation(bytes[wordEnd - 1]) {
                wordEnd -= 1
            }
            redactWord(bytes[index..<wordEnd], into: &output)
            output.append(contentsOf: bytes[wordEnd..<end])
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let replacementBytes = Array(replacement.utf8)

    private static func redactWord(_ word: ArraySlice<UInt8>, into output: inout [UInt8]) {
        if contains(word, Array("://".utf8)) || word.contains(UInt8(ascii: "?")) {
            redactURL(word, into: &output)
        } else if word.contains(UInt8(ascii: "=")) {
            redactParameters(word, into: &output)
        } else {
            output.append(contentsOf: word)
        }
    }

    /// Redacts the password, the query parameters and the fragment parameters of a URL.
    private static func redactURL(_ url: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var rest = url
        if let schemeEnd = firstIndex(of: Array("://".utf8), in: url) {
            let authorityStart = schemeEnd + 3
            let authorityEnd =
                url[authorityStart...].firstIndex(where: {
                    $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
                }) ?? url.endIndex
            output.append(contentsOf: url[url.startIndex..<authorityStart])
            redactAuthority(url[authorityStart..<authorityEnd], into: &output)
            rest = url[authorityEnd...]
        }
        let fragmentStart = rest.firstIndex(of: UInt8(ascii: "#")) ?? rest.endIndex
        let queryStart = rest[..<fragmentStart].firstIndex(of: UInt8(ascii: "?"))
        if let queryStart {
            output.append(contentsOf: rest[..<(queryStart + 1)])
            redactParameters(rest[(queryStart + 1)..<fragmentStart], into: &output)
        } else {
            output.append(contentsOf: rest[..<fragmentStart])
        }
        if fragmentStart < rest.endIndex {
            output.append(UInt8(ascii: "#"))
            redactParameters(rest[(fragmentStart + 1)...], into: &output)
        }
    }

    /// Replaces the password in `user:password@host`.
    private static func redactAuthority(_ authority: ArraySlice<UInt8>, into output: inout [UInt8])
    {
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")),
            let colon = authority[..<at].firstIndex(of: UInt8(ascii: ":")),
            colon + 1 < at
        else {
            output.append(contentsOf: authority)
            return
        }
        output.append(contentsOf: authority[...colon])
        output.append(contentsOf: replacementBytes)
        output.append(contentsOf: authority[at...])
    }

    /// Redacts the values of secret parameters in `name=value&name=value`.
    private static func redactParameters(
        _ parameters: ArraySlice<UInt8>, into output: inout [UInt8]
    ) {
        var start = parameters.startIndex
        while true {
            let end = parameters[start...].firstIndex(of: UInt8(ascii: "&")) ?? parameters.endIndex
            let parameter = parameters[start..<end]
            if let equals = parameter.firstIndex(of: UInt8(ascii: "=")), equals + 1 < end,
                isSensitiveParameter(String(decoding: parameter[..<equals], as: UTF8.self))
            {
                output.append(contentsOf: parameter[...equals])
                output.append(contentsOf: replacementBytes)
            } else {
                output.append(contentsOf: parameter)
            }
            guard end < parameters.endIndex else {
                break
            }
            output.append(UInt8(ascii: "&"))
            start = end + 1
        }
    }

    private static func isWordBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7f, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "`"):
            true
        default:
            false
        }
    }

    private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ")"), UInt8(ascii: "]"),
            UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack) != nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else {
            return nil
        }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Decodes `%XX` escapes, leaving malformed ones as they are.
    private static func percentDecoded(_ bytes: [UInt8]) -> String {
        var decoded = [UInt8]()
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = Hex.decode(
                    String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self))
            {
                decoded.append(value[0])
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
