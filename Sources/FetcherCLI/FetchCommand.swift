import Fetcher
import Foundation

/// `fetcher fetch`: the blob to a file, replaced only once the whole blob is verified, or to
/// standard output.
struct FetchCommand {
    var options: Options

    func run() async throws -> ExitCode {
        let reference = try await options.makeReference()
        let context = options.makeContext()
        guard let output = options.output, output != "-" else {
            let target = FileResetter(fileDescriptor: FileHandle.standardOutput.fileDescriptor)
            try await reference.fetch(into: target, context: context)
            return .success
        }
        let file = try AtomicFile(replacing: output)
        do {
            try await reference.fetch(into: file.target, context: context)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        return .success
    }
}
