/// An option of the tool: its spellings, its value, the commands it applies to and its help.
enum ToolOption: CaseIterable {
    case output
    case noSync
    case retries
    case retryDelay
    case retryMaximumDelay
    case stallTimeout
    case connectTimeout
    case rootURL
    case certificateAuthorities
    case port
    case seedFile
    case progress
    case progressInterval
    case quiet
    case cache
    case heldScopes
    case cacheVerification
    case maximumSize
    case json
    case help
    case version

    /// The spellings, the long one last: `["-o", "--output"]`.
    var names: [String] {
        switch self {
        case .output: ["-o", "--output"]
        case .noSync: ["--no-sync"]
        case .retries: ["--retries"]
        case .retryDelay: ["--retry-delay"]
        case .retryMaximumDelay: ["--retry-max-delay"]
        case .stallTimeout: ["--stall-timeout"]
        case .connectTimeout: ["--connect-timeout"]
        case .rootURL: ["--root-url"]
        case .certificateAuthorities: ["--cacert"]
        case .port: ["--port"]
        case .seedFile: ["--data"]
        case .progress: ["--progress"]
        case .progressInterval: ["--progress-interval"]
        case .quiet: ["-q", "--quiet"]
        case .cache: ["--cache"]
        case .heldScopes: ["--scopes"]
        case .cacheVerification: ["--cache-verify"]
        case .maximumSize: ["--max-size"]
        case .json: ["--json"]
        case .help: ["-h", "--help"]
        case .version: ["--version"]
        }
    }

    /// The name of the option's value in the help, or `nil` for an option without a value.
    var valueName: String? {
        switch self {
        case .output, .certificateAuthorities, .seedFile: "FILE"
        case .retries, .port: "N"
        case .rootURL: "URL"
        case .retryDelay, .retryMaximumDelay, .stallTimeout, .connectTimeout,
            .progressInterval:
            "SECONDS"
        case .progress: "MODE"
        case .cache: "DIR"
        case .heldScopes: "SCOPE"
        case .cacheVerification: "WHEN"
        case .maximumSize: "SIZE"
        case .noSync, .quiet, .json, .help, .version: nil
        }
    }

    /// The commands the option applies to.
    var commands: [ToolCommand] {
        switch self {
        case .output, .noSync, .progress, .progressInterval, .quiet, .heldScopes,
            .cacheVerification:
            [.fetch]
        case .cache:
            [.fetch, .cacheList, .cachePrune, .cacheClear]
        case .maximumSize:
            [.fetch, .cachePrune]
        case .json:
            [.cacheList, .cachePrune, .cacheClear]
        case .retries, .retryDelay, .retryMaximumDelay, .stallTimeout, .connectTimeout,
            .rootURL, .certificateAuthorities:
            [.fetch, .hashKey, .scopes]
        case .port, .seedFile:
            [.emulator]
        case .help, .version:
            ToolCommand.allCases
        }
    }

    /// What the option does, as the help shows it.
    var summary: String {
        switch self {
        case .output:
            "Write the blob to FILE instead of standard output."
        case .noSync:
            "-o FILE: rename FILE into place without first flushing it to disk. Faster where "
                + "the disk does not outlive a crash (a throwaway CI machine); after a power "
                + "loss FILE may be empty or partial."
        case .retries:
            "Retries after a transient failure (default 8)."
        case .retryDelay:
            "The wait before the first retry, doubled for each next one, ±25 % (default 0.2)."
        case .retryMaximumDelay:
            "The longest wait between two tries (default 60)."
        case .stallTimeout:
            "Retry a transfer that receives nothing for this long (default 60)."
        case .connectTimeout:
            "The longest wait for a connection (default 30)."
        case .rootURL:
            "The Taskcluster deployment that artifact and index references name, such as "
                + "https://tc.example.com (default: $TASKCLUSTER_ROOT_URL)."
        case .certificateAuthorities:
            "Trust the certificate authorities in this PEM file instead of the system's."
        case .port:
            "emulator: the port to listen on; 0 (the default) picks a free one."
        case .seedFile:
            "emulator: the JSON file of clients, tasks, artifacts and index entries to "
                + "start with (see below)."
        case .progress:
            "auto, bar, json or none. auto (the default) draws a bar when standard error is a "
                + "terminal and writes JSON lines otherwise."
        case .progressInterval:
            "The shortest time between two progress reports (default 0.25 for the bar, 1 for "
                + "JSON lines)."
        case .quiet:
            "No progress reports; errors are still reported."
        case .cache:
            "The cache folder, which any number of processes may share: fetch copies the blob "
                + "from it, fetching it there first if it is missing, with one transfer for "
                + "processes that ask at once (default: $FETCHER_CACHE)."
        case .heldScopes:
            "fetch --cache: a scope the caller holds; repeat the option for more, or give a "
                + "JSON array of scopes. A blob is served only when they satisfy one of its "
                + "scope sets (see 'fetcher scopes'); without them only blobs that need no "
                + "scope are."
        case .cacheVerification:
            "fetch --cache: check a cached blob against its SHA-256 each time (always, the "
                + "default) or only when its file has changed since it was written (changed)."
        case .maximumSize:
            "cache prune: the most the entries may take together; fetch --cache: the same, "
                + "enforced after each new entry. In bytes, or with K, M, G or T for powers "
                + "of 1024 (512M, 20G)."
        case .json:
            "cache commands: print JSON lines instead of text."
        case .help:
            "Show this help."
        case .version:
            "Show the version."
        }
    }

    /// The option spelled `name`, if any.
    ///
    /// - Parameter name: An argument such as `-o` or `--retries`, without any `=value`.
    /// - Returns: The option, or `nil` for an unknown spelling.
    static func named(_ name: String) -> ToolOption? {
        allCases.first { $0.names.contains(name) }
    }
}
