import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Invocation {
    /// The most seconds any option accepts: more than eleven days.
    static let maximumSeconds = 1_000_000.0

    /// Parses the arguments that follow the program name.
    ///
    /// Options may come before or after the command and REFERENCE; `--` ends them, so that a
    /// REFERENCE may start with `-`. A value follows its option as the next argument, or after
    /// `=` for the long spellings (`--retries=3`). `--help` and `--version` win over everything
    /// else before `--`. The `cache` commands are two words (`cache list`). The commands that
    /// take a REFERENCE also resolve the Taskcluster deployment, from `--root-url` or the
    /// environment, and `fetch` and the `cache` commands the cache folder, from `--cache` or
    /// `FETCHER_CACHE`.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the program name.
    ///   - environment: The variables `TASKCLUSTER_*` and `FETCHER_CACHE` are read from; the
    ///     process's by default.
    /// - Throws: ``UsageError`` naming the first mistake.
    init(
        parsing arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let options = arguments.prefix { $0 != "--" }
        if options.contains(where: { ToolOption.named($0) == .help }) {
            self.init(action: .help)
            return
        }
        if options.contains(where: { ToolOption.named($0) == .version }) {
            self.init(action: .version)
            return
        }
        var positionals: [String] = []
        var given: [(option: ToolOption, name: String, value: String?)] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--" {
                positionals += remaining
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            var name = argument
            var value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            guard let option = ToolOption.named(name) else {
                throw UsageError("unknown option '\(name)'")
            }
            if option.valueName == nil, value != nil {
                throw UsageError("option \(name) takes no value")
            }
            if let valueName = option.valueName, value == nil {
                guard let next = remaining.popFirst() else {
                    throw UsageError("option \(name) needs a value (\(valueName))")
                }
                value = next
            }
            given.append((option, name, value))
        }
        var extra = positionals[...]
        let command = try ToolCommand.take(from: &extra)
        self.init(action: .run(command))
        if command.takesReference {
            guard let reference = extra.popFirst() else {
                throw UsageError("'\(command.rawValue)' needs a REFERENCE")
            }
            self.reference = reference
        }
        if let unexpected = extra.first {
            throw UsageError("unexpected argument '\(unexpected)'")
        }
        for (option, name, value) in given {
            guard option.commands.contains(command) else {
                throw UsageError("option \(name) does not apply to '\(command.rawValue)'")
            }
            try apply(option, name: name, value: value ?? "")
        }
        if !synchronizesOutput, output == nil || output == "-" {
            throw UsageError("option --no-sync applies to an output file: give -o FILE")
        }
        try resolveCache(for: command, environment: environment)
        if command.takesReference {
            try resolveTaskcluster(environment: environment)
        }
    }

    private mutating func apply(_ option: ToolOption, name: String, value: String) throws {
        switch option {
        case .output:
            output = value
        case .retries:
            guard let retries = Int(value), (0...1_000_000).contains(retries) else {
                throw UsageError(
                    "option \(name) needs a whole number from 0 to 1000000, not '\(value)'")
            }
            transfer.retryPolicy.maximumRetries = retries
        case .retryDelay:
            transfer.retryPolicy.baseDelay = try Self.seconds(value, option: name)
        case .retryMaximumDelay:
            transfer.retryPolicy.maximumDelay = try Self.seconds(value, option: name)
        case .stallTimeout:
            transfer.stallTimeout = try Self.seconds(value, option: name, allowingZero: false)
        case .connectTimeout:
            transfer.connectTimeout = try Self.seconds(value, option: name, allowingZero: false)
        case .rootURL:
            rootURL = try Self.checkedRootURL(value, source: "option \(name)")
        case .certificateAuthorities:
            guard access(value, R_OK) == 0 else {
                throw UsageError(
                    "option \(name) cannot read \(value): \(String(cString: strerror(errno)))")
            }
            transfer.certificateAuthorityFile = value
        case .port:
            guard let port = Int(value), (0...65535).contains(port) else {
                throw UsageError(
                    "option \(name) needs a whole number from 0 to 65535, not '\(value)'")
            }
            emulatorPort = port
        case .seedFile:
            seedFile = value
        case .progress:
            guard let mode = ProgressMode(rawValue: value) else {
                throw UsageError("option \(name) needs auto, bar, json or none, not '\(value)'")
            }
            progress = mode
        case .progressInterval:
            progressInterval = try Self.seconds(value, option: name)
        case .noSync:
            synchronizesOutput = false
        case .quiet:
            progress = .none
        case .cache:
            guard !value.isEmpty else {
                throw UsageError("option \(name) needs a folder, not ''")
            }
            cacheDirectory = value
        case .heldScopes:
            heldScopes += try Self.scopes(value, option: name)
            cacheOnlyOptions.append(name)
        case .cacheVerification:
            switch value {
            case "always": cacheVerification = .always
            case "changed": cacheVerification = .whenFileChanged
            default:
                throw UsageError("option \(name) needs always or changed, not '\(value)'")
            }
            cacheOnlyOptions.append(name)
        case .maximumSize:
            cacheSizeLimit = try Self.byteCount(value, option: name)
            cacheOnlyOptions.append(name)
        case .json:
            json = true
        case .help, .version:
            break
        }
    }

    /// Reads a number of seconds, such as `0.5`.
    private static func seconds(_ text: String, option: String, allowingZero: Bool = true) throws
        -> Duration
    {
        guard let seconds = Double(text), seconds.isFinite,
            allowingZero ? seconds >= 0 : seconds > 0, seconds <= maximumSeconds
        else {
            let lowest = allowingZero ? "from 0" : "above 0"
            throw UsageError(
                "option \(option) needs a number of seconds \(lowest) up to 1000000, not '\(text)'"
            )
        }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
