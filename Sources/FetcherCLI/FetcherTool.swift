import Fetcher

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The tool's entry point: runs the command named by the arguments, cancelling it on SIGINT or
/// SIGTERM, and exits with its code.
@main
enum FetcherTool {
    static func main() async {
        let interruption = Interruption()
        let tool = Tool(interruption: interruption)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let work = Task { await tool.run(arguments) }
        interruption.onSignal { work.cancel() }
        let code = await work.value
        exit(code.rawValue)
    }
}
