import Fetcher
import Foundation

/// The tool's entry point: runs the command named by the arguments and exits with its code.
@main
struct FetcherTool {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code = await Command.run(arguments)
        exit(code.rawValue)
    }
}
