/// The tool's exit codes, as documented in its help.
enum ExitCode: Int32 {
    case success = 0
    case failed = 1
    case usage = 2
    case brokenReference = 3
    case accessDenied = 4
    case interrupted = 130
    case terminated = 143
}
