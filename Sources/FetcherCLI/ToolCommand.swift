/// A command of the tool: the first argument that is not an option.
enum ToolCommand: String, CaseIterable {
    /// Fetches the blob to a file or standard output.
    case fetch

    /// Prints the reference's hash key.
    case hashKey = "hash-key"

    /// Prints the scope sets that grant access to the blob.
    case scopes

    /// Prints the JSON Schema of every kind of reference.
    case schema

    /// Runs a Taskcluster emulator on 127.0.0.1 until SIGINT or SIGTERM.
    case emulator

    /// Whether the command takes a REFERENCE argument.
    var takesReference: Bool {
        switch self {
        case .fetch, .hashKey, .scopes: true
        case .schema, .emulator: false
        }
    }

    /// The command's synopsis, as the help shows it.
    var synopsis: String {
        switch self {
        case .fetch: "fetcher fetch REFERENCE [-o FILE] [options]"
        case .hashKey: "fetcher hash-key REFERENCE [options]"
        case .scopes: "fetcher scopes REFERENCE [options]"
        case .schema: "fetcher schema"
        case .emulator: "fetcher emulator [--port N] [--data FILE]"
        }
    }

    /// What the command does, as the help shows it.
    var summary: String {
        switch self {
        case .fetch:
            "Fetch the blob to FILE, which is replaced only once the whole blob is verified, "
                + "or stream it to standard output."
        case .hashKey:
            "Print the reference's hash key, the key under which its blob is cached."
        case .scopes:
            "Print the scope sets that grant access to the blob, one JSON array per line; "
                + "holding every scope of any one set is enough."
        case .schema:
            "Print the JSON Schema that every reference matches."
        case .emulator:
            "Run a Taskcluster deployment (queue, index, object service) on 127.0.0.1 to try "
                + "the tool or test against: print its root URL, serve until SIGINT or SIGTERM, "
                + "then exit with 0."
        }
    }

    /// Every command's name, for messages: `fetch, hash-key, scopes, schema or emulator`.
    static var names: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}
