/// The tool's exit codes, as listed in its help.
enum ExitCode: Int32, CaseIterable {
    /// The command did what it was asked.
    case success = 0

    /// The fetch failed after its retries, or another error stopped the command.
    case failed = 1

    /// The command line is wrong (or no Taskcluster root URL is configured for a reference that
    /// needs one), or the reference is not JSON or matches no kind of reference.
    case usage = 2

    /// The reference names a blob that cannot be fetched; trying again would fail the same way.
    case brokenReference = 3

    /// The caller may not read the blob.
    case accessDenied = 4

    /// Interrupted by SIGINT; the transfer was cancelled and temporary files removed.
    case interrupted = 130

    /// Terminated by SIGTERM; the transfer was cancelled and temporary files removed.
    case terminated = 143

    /// What the code means, as the help shows it.
    var meaning: String {
        switch self {
        case .success:
            "success"
        case .failed:
            "failed after retries, or another error (such as a cache folder that cannot be "
                + "used)"
        case .usage:
            "usage error (a missing Taskcluster root URL too), or a reference that is not "
                + "JSON or matches no kind of reference"
        case .brokenReference:
            "broken reference: missing, refused, or not matching its digests or size"
        case .accessDenied:
            "access denied, by the deployment or, with --cache, by the scopes given with "
                + "--scopes"
        case .interrupted:
            "interrupted by SIGINT (temporary files removed)"
        case .terminated:
            "terminated by SIGTERM (temporary files removed)"
        }
    }
}
