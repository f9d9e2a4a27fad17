import Fetcher
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The REFERENCE argument: JSON text, `@FILE` for a file holding it, `-` for standard input, or
/// a bare `http://` or `https://` URL, which stands for the JSON string of that URL.
struct ReferenceArgument {
    /// The largest reference read from a file or standard input.
    static let maximumSize = 1 << 20

    /// The argument as given.
    var argument: String

    /// The reference as JSON.
    ///
    /// - Returns: The parsed reference.
    /// - Throws: ``ReferenceInputError`` when the file cannot be read or the text is not JSON;
    ///   `CancellationError` when the task is cancelled while waiting for standard input.
    func json() throws -> JSONValue {
        let lowercased = argument.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") {
            return .string(argument)
        }
        let text: [UInt8]
        let origin: String
        if argument == "-" {
            text = try Self.readAll(STDIN_FILENO, source: "standard input")
            origin = " from standard input"
        } else if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw ReferenceInputError(
                    "cannot read the reference from \(path): \(Self.reason(errno))")
            }
            defer { close(descriptor) }
            text = try Self.readAll(descriptor, source: path)
            origin = " in \(path)"
        } else {
            text = Array(argument.utf8)
            origin = ""
        }
        do {
            return try JSONValue(parsing: Data(text))
        } catch {
            let hint =
                origin.isEmpty
                ? " (give JSON text, @FILE, - for standard input, or an http(s) URL)" : ""
            throw ReferenceInputError("cannot parse the reference\(origin): \(error)\(hint)")
        }
    }

    /// Reads `descriptor` to its end; a cancelled task stops waiting for input within 0.1 s.
    private static func readAll(_ descriptor: Int32, source: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let readiness = poll(&ready, 1, 100)
            guard readiness > 0 || (readiness < 0 && errno != EINTR) else {
                try Task.checkCancellation()
                continue
            }
            let count = buffer.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress, $0.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReferenceInputError(
                    "cannot read the reference from \(source): \(reason(errno))")
            }
            if count == 0 {
                return bytes
            }
            bytes += buffer[..<count]
            guard bytes.count <= maximumSize else {
                throw ReferenceInputError(
                    "the reference in \(source) is larger than \(maximumSize / 1024) KiB")
            }
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
