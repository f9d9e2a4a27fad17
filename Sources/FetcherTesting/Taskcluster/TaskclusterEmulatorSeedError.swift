import Fetcher

/// Why a seed file for ``TaskclusterEmulator`` could not be used.
public enum TaskclusterEmulatorSeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The text is not JSON.
    case invalidJSON(JSONParseError)
    /// The JSON does not describe a seed; `pointer` is the JSON pointer of the faulty value
    /// (empty for the whole document).
    case invalidSeed(pointer: String, reason: String)

    /// A sentence naming the problem and where it is.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read the emulator seed file \(path): \(reason)"
        case .invalidJSON(let error):
            "the emulator seed is not JSON: \(error)"
        case .invalidSeed(let pointer, let reason):
            "invalid emulator seed at \(pointer.isEmpty ? "the top level" : pointer): \(reason)"
        }
    }
}
