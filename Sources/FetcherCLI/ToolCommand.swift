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

    /// Whether the command takes a REFERENCE argument.
    var takesReference: Bool {
        self != .schema
    }

    /// The command's synopsis, as the help shows it.
    var synopsis: String {
        switch self {
        case .fetch: "fetcher fetch REFERENCE [-o FILE] [options]"
        case .hashKey: "fetcher hash-key REFERENCE [options]"
        case .scopes: "fetcher scopes REFERENCE [options]"
        case .schema: "fetcher schema"
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
        }
    }
}
