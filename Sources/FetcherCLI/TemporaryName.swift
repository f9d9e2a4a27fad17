import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The names of the temporary files beside an output file:
/// `.<name>.fetcher-<pid>-<random>.part`, where `<pid>` is the process writing it.
enum TemporaryName {
    /// The longest file name most file systems accept, in bytes.
    private static let maximumNameLength = 255

    /// The bytes a temporary name adds to the output file's name, at most.
    private static let addedLength =
        ".".utf8.count + ".fetcher-".utf8.count + 10 + 1 + 8
        + ".part".utf8.count

    /// An output file split into its folder and its name.
    struct Location {
        /// The folder, `.` for a bare name.
        var folder: String

        /// The file's name in that folder.
        var name: String

        init(destination: String) {
            if let slash = destination.lastIndex(of: "/") {
                let folder = destination[..<slash]
                self.folder = folder.isEmpty ? "/" : String(folder)
                self.name = String(destination[destination.index(after: slash)...])
            } else {
                self.folder = "."
                self.name = destination
            }
        }

        /// The start of every temporary name for this file: `.<name>.fetcher-`, with the name
        /// shortened if needed so that whole temporary names stay within the length limit.
        var prefix: String {
            var shortened = ""
            var length = 0
            for scalar in name.unicodeScalars {
                length += String(scalar).utf8.count
                guard length <= TemporaryName.maximumNameLength - TemporaryName.addedLength
                else { break }
                shortened.unicodeScalars.append(scalar)
            }
            return ".\(shortened).fetcher-"
        }
    }

    /// A new temporary path for `location`, for this process.
    static func path(for location: Location) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(location.folder)/\(location.prefix)\(getpid())-\(random).part"
    }

    /// Removes the temporary files beside `location` whose process is no longer running; one
    /// with this process's id is stale too, since this process has not made it yet.
    ///
    /// Best effort: a file that cannot be listed or removed is left alone.
    static func removeStaleFiles(beside location: Location) {
        let prefix = location.prefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: location.folder)
        else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".part") {
            let middle = name.dropFirst(prefix.count).dropLast(".part".count)
            guard let dash = middle.firstIndex(of: "-"), let pid = pid_t(middle[..<dash]),
                pid > 0, pid == getpid() || !isRunning(pid)
            else { continue }
            unlink("\(location.folder)/\(name)")
        }
    }

    /// Whether a process with this id exists (one of another user counts as running).
    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}
