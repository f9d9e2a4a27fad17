import Fetcher

/// What the command line asks for, once parsed and checked.
struct Invocation {
    /// What to do.
    enum Action: Equatable {
        /// Show the help.
        case help

        /// Show the version.
        case version

        /// Run a command.
        case run(ToolCommand)
    }

    /// What to do.
    var action: Action

    /// The REFERENCE argument as given, for the commands that take one.
    var reference: String?

    /// Where `fetch` writes the blob; `nil` (or `-`) for standard output.
    var output: String?

    /// Whether `fetch -o FILE` flushes FILE to disk before renaming it into place; turned
    /// off by `--no-sync`.
    var synchronizesOutput = true

    /// Retries and timeouts of the transfers.
    var transfer = TransferSettings()

    /// How `fetch` shows progress.
    var progress = ProgressMode.auto

    /// The shortest time between two progress reports, if given.
    var progressInterval: Duration?

    /// The Taskcluster root URL given with `--root-url`, checked.
    var rootURL: String?

    /// The Taskcluster deployment and credentials for artifact and index references, once
    /// resolved from `--root-url` and the environment; `nil` when no root URL is configured.
    var taskcluster: TaskclusterClient?

    /// The port `emulator` listens on; 0 lets the system pick a free one.
    var emulatorPort = 0

    /// The seed file `emulator` starts from, if any.
    var seedFile: String?

    /// The cache folder of `fetch` and the `cache` commands, from `--cache` or
    /// `FETCHER_CACHE`; `nil` for a `fetch` without a cache.
    var cacheDirectory: String?

    /// The scopes the caller holds, from `--scopes`, checked by `fetch --cache`.
    var heldScopes: [String] = []

    /// When `fetch --cache` checks a cached blob against its SHA-256.
    var cacheVerification = BlobCache.Verification.always

    /// The most bytes the cache entries may take together, from `--max-size`.
    var cacheSizeLimit: Int64?

    /// Whether the `cache` commands print JSON lines.
    var json = false

    /// The options given that only a `fetch` with a cache uses, as spelled.
    var cacheOnlyOptions: [String] = []

    /// Makes an invocation that only performs `action`.
    init(action: Action) {
        self.action = action
    }
}
