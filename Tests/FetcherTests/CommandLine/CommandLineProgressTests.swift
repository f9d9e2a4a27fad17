import Fetcher
import FetcherTesting
import Foundation
import Testing

struct CommandLineProgressTests {
    @Test func jsonProgressLinesGoFromZeroToOne() async throws {
        let server = try FaultServer()
        let blob = testBlob(64 * 1024)
        server.route("/blob", .ok(blob).trickling(8 * 1024, every: .milliseconds(15)))
        let result = try await FetcherProcess.run(
            ["fetch", server.url("/blob"), "--progress", "json", "--progress-interval", "0"])
        #expect(result.status == 0)
        #expect(result.output == blob)
        let lines = result.error.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let reports = try lines.dropLast().map { try JSONValue(parsing: String($0)) }
        let fractions = reports.compactMap { $0["fraction"]?.numberValue }
        #expect(fractions.count == reports.count)
        #expect(reports.count >= 3)
        #expect(fractions.first == 0)
        #expect(fractions.last == 1)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(reports.allSatisfy { $0["description"] == .string(server.url("/blob")) })
        #expect(reports.last?["bytes"] == .integer(Int64(blob.count)))
    }

    @Test func automaticProgressIsJSONLinesWhenStandardErrorIsNoTerminal() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(testBlob(1000)))
        let result = try await FetcherProcess.run(["fetch", server.url("/blob")])
        #expect(result.status == 0)
        let description = JSONValue.string(server.url("/blob")).serialized()
        #expect(
            result.error
                == #"{"bytes":0,"description":\#(description),"fraction":0.0}"# + "\n"
                + #"{"bytes":1000,"description":\#(description),"fraction":1.0}"# + "\n")
    }

    @Test func theBarIsOneLineRedrawnInPlace() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(testBlob(2048)))
        let url = server.url("/blob")
        let result = try await FetcherProcess.run(
            ["fetch", url, "--progress", "bar", "--progress-interval", "60"])
        #expect(result.status == 0)
        // The average rate follows when the fetch took long enough to measure it.
        #expect(result.error.hasPrefix("\r\(url)  0 B\r\(url)  2.0 KiB  100%"))
        #expect(result.error.hasSuffix("\n"))
        #expect(result.error.filter { $0 == "\r" }.count == 2)
        #expect(result.error.filter { $0 == "\n" }.count == 1)
    }
}
