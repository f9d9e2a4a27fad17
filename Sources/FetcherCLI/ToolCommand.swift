/// A command of the tool: the first argument that is not an option, followed by a second one
/// for the `cache` commands (`cache list`).
enum ToolCommand: String, CaseIterable {
    /// Fetches the blob to a file or standard output.
    case fetch

    /// Prints the reference's hash key.
    case hashKey = "hash-key"

    /// Prints the scope sets that grant access to the blob.
    case scopes

    /// Prints the JSON Schema of every kind of reference.
    case schema

    /// Lists the entries of a cache folder.
    case cacheList = "cache list"

    /// Removes the least recently used entries of a cache folder down to a size.
    case cachePrune = "cache prune"

    /// Removes every entry of a cache folder that is not in use.
    case cacheClear = "cache clear"

    /// Runs a Taskcluster emulator on 127.0.0.1 until SIGINT or SIGTERM.
    case emulator

    /// The first word of the commands that take a second one.
    static let cacheGroup = "cache"

    /// Whether the command takes a REFERENCE argument.
    var takesReference: Bool {
        switch self {
        case .fetch, .hashKey, .scopes: true
        case .schema, .cacheList, .cachePrune, .cacheClear, .emulator: false
        }
    }

    /// Whether the command works on a cache folder and nothing else.
    var isCacheCommand: Bool {
        switch self {
        case .cacheList, .cachePrune, .cacheClear: true
        case .fetch, .hashKey, .scopes, .schema, .emulator: false
        }
    }

    /// The command's synopsis, as the help shows it.
    var synopsis: String {
        switch self {
        case .fetch:
            "fetcher fetch REFERENCE [-o FILE] [--cache DIR [--scopes SCOPE]...] [options]"
        case .hashKey: "fetcher hash-key REFERENCE [options]"
        case .scopes: "fetcher scopes REFERENCE [options]"
        case .schema: "fetcher schema"
        case .cacheList: "fetcher cache list --cache DIR [--json]"
        case .cachePrune: "fetcher cache prune --cache DIR --max-size SIZE [--json]"
        case .cacheClear: "fetcher cache clear --cache DIR [--json]"
        case .emulator: "fetcher emulator [--port N] [--data FILE]"
        }
    }

    /// What the command does, as the help shows it.
    var summary: String {
        switch self {
        case .fetch:
            "Fetch the blob to FILE, which is replaced only once the whole blob is verified, "
                + "or stream it to standard output; with --cache, copy it from the cache "
                + "folder, fetching it there once if it is missing."
        case .hashKey:
            "Print the reference's hash key, the key under which its blob is cached."
        case .scopes:
            "Print the scope sets that grant access to the blob, one JSON array per line; "
                + "holding every scope of any one set is enough."
        case .schema:
            "Print the JSON Schema that every reference matches."
        case .cacheList:
            "Print one line per cache entry, most recently used first: when it was last used "
                + "(UTC), its size in bytes, its SHA-256 and its hash key."
        case .cachePrune:
            "Remove the least recently used entries until the cache takes at most SIZE; "
                + "print the entries removed, as 'cache list' does. Entries in use are kept."
        case .cacheClear:
            "Remove every entry that is not in use; print how many were removed."
        case .emulator:
            "Run a Taskcluster deployment (queue, index, object service) on 127.0.0.1 to try "
                + "the tool or test against: print its root URL, serve until SIGINT or SIGTERM, "
                + "then exit with 0."
        }
    }

    /// Every command's first word, for messages: `fetch, hash-key, scopes, schema, cache or
    /// emulator`.
    static var names: String {
        var names: [String] = []
        for command in allCases {
            let first = String(command.rawValue.prefix { $0 != " " })
            if !names.contains(first) {
                names.append(first)
            }
        }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The actions of the `cache` commands, for messages: `list, prune or clear`.
    static var cacheActions: String {
        let actions = allCases.filter(\.isCacheCommand).map {
            String($0.rawValue.dropFirst(cacheGroup.count + 1))
        }
        return actions.dropLast().joined(separator: ", ") + " or " + (actions.last ?? "")
    }

    /// The command named by the first positional arguments, which it takes from `words`.
    ///
    /// - Parameter words: The positional arguments; the command's words are removed.
    /// - Returns: The command.
    /// - Throws: ``UsageError`` when `words` is empty or names no command.
    static func take(from words: inout ArraySlice<String>) throws -> ToolCommand {
        guard let first = words.popFirst() else {
            throw UsageError("missing command: \(names)")
        }
        guard first == cacheGroup else {
            guard let command = ToolCommand(rawValue: first), !command.isCacheCommand else {
                throw UsageError("unknown command '\(first)'")
            }
            return command
        }
        guard let action = words.popFirst() else {
            throw UsageError("'\(cacheGroup)' needs an action: \(cacheActions)")
        }
        guard let command = ToolCommand(rawValue: "\(cacheGroup) \(action)"),
            !action.contains(" ")
        else {
            throw UsageError("unknown action '\(action)' of '\(cacheGroup)': \(cacheActions)")
        }
        return command
    }
}
