import Fetcher

extension Invocation {
    /// The environment variable that names the cache folder when `--cache` is not given.
    static let cacheVariable = "FETCHER_CACHE"

    /// The binary multipliers `--max-size` accepts after its number, in lower case.
    private static let sizeUnits: [(suffix: String, shift: Int64)] = [
        ("k", 10), ("m", 20), ("g", 30), ("t", 40),
    ]

    /// Sets ``cacheDirectory`` from `FETCHER_CACHE` when `--cache` was not given, and checks
    /// that the options given fit: the `cache` commands need a folder, `cache prune` a size,
    /// and the options of a cached fetch a cache.
    ///
    /// - Parameters:
    ///   - command: The command.
    ///   - environment: The variables to read.
    /// - Throws: ``UsageError`` naming what is missing.
    mutating func resolveCache(for command: ToolCommand, environment: [String: String]) throws {
        guard command == .fetch || command.isCacheCommand else {
            return
        }
        if cacheDirectory == nil, let variable = environment[Self.cacheVariable],
            !variable.isEmpty
        {
            cacheDirectory = variable
        }
        if cacheDirectory == nil {
            if command.isCacheCommand {
                throw UsageError(
                    "'\(command.rawValue)' needs the cache folder: give --cache DIR or set "
                        + Self.cacheVariable)
            }
            if let option = cacheOnlyOptions.first {
                throw UsageError(
                    "option \(option) needs a cache: give --cache DIR or set \(Self.cacheVariable)")
            }
        }
        if command == .cachePrune, cacheSizeLimit == nil {
            throw UsageError("'\(command.rawValue)' needs --max-size SIZE")
        }
    }

    /// Reads the value of `--scopes`: one scope, or a JSON array of scopes when it starts with
    /// `[`. An empty value adds no scope, so that an empty variable means "no scopes".
    ///
    /// - Parameters:
    ///   - text: The value.
    ///   - option: The option as spelled, for the message.
    /// - Returns: The scopes.
    /// - Throws: ``UsageError`` when a value starting with `[` is not an array of strings.
    static func scopes(_ text: String, option: String) throws -> [String] {
        guard text.hasPrefix("[") else {
            return text.isEmpty ? [] : [text]
        }
        let elements = (try? JSONValue(parsing: text))?.arrayValue ?? [.null]
        let scopes = elements.compactMap(\.stringValue)
        guard scopes.count == elements.count else {
            throw UsageError(
                "option \(option) needs a scope or a JSON array of scopes (strings), "
                    + "not '\(text)'")
        }
        return scopes
    }

    /// Reads a size such as `1048576`, `512M` or `20GiB`: a whole number of bytes, optionally
    /// followed by `K`, `M`, `G` or `T` (any case, with or without `iB`) for 2¹⁰, 2²⁰, 2³⁰ or
    /// 2⁴⁰.
    ///
    /// - Parameters:
    ///   - text: The value.
    ///   - option: The option as spelled, for the message.
    /// - Returns: The number of bytes.
    /// - Throws: ``UsageError`` when `text` is no such size or more than 2⁶³ − 1 bytes.
    static func byteCount(_ text: String, option: String) throws -> Int64 {
        var digits = Substring(text.lowercased())
        var shift: Int64 = 0
        for unit in sizeUnits {
            if let stripped = stripping(unit.suffix + "ib", from: digits)
                ?? stripping(unit.suffix, from: digits)
            {
                digits = stripped
                shift = unit.shift
                break
            }
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int64(digits), number <= Int64.max >> shift
        else {
            throw UsageError(
                "option \(option) needs a number of bytes, optionally followed by K, M, G or T "
                    + "for powers of 1024, not '\(text)'")
        }
        return number << shift
    }

    /// `text` without `suffix`, or `nil` when it does not end with it.
    private static func stripping(_ suffix: String, from text: Substring) -> Substring? {
        text.hasSuffix(suffix) ? text.dropLast(suffix.count) : nil
    }
}
