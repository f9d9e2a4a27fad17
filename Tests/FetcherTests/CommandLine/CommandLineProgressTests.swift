import Fetcher
import FetcherTesting
import Foundation
import Testing

struct CommandLineProgressTests {
    @Test func jsonProgressLinesGoFromZeroToOne() async throws {
        let server = try FaultServer()
        let piece = 8 * 1024
        let blob = testBlob(8 * piece)
        // The body starts with one byte; then each progress line lets one more piece go, so
        // every piece is reported on its own.
        let gate = BodyGate(openTo: 1)
        server.route("/blob", ServerResponse.ok(blob).gated(by: gate))
        let process = try FetcherProcess(
            ["fetch", server.url("/blob"), "--progress", "json", "--progress-interval", "0"])
        for step in 1...8 {
            let reported = await eventually {
                process.errorSoFar.filter { $0 == "\n" }.count > step
            }
            try #require(reported, "no progress line \(step + 1): \(process.errorSoFar)")
            gate.open(to: 1 + step * piece)
        }
        let result = await process.result()
        #expect(result.status == 0)
        #expect(result.output == blob)
        let lines = result.error.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let reports = try lines.dropLast().map { try JSONValue(parsing: String($0)) }
        let positions = [0] + Array(stride(from: 1, to: blob.count, by: piece)) + [blob.count]
        // `bytes` counts what reached the output, which may trail the fraction.
        let bytes = reports.compactMap { $0["bytes"]?.numberValue }
        #expect(bytes.count == positions.count)
        #expect(zip(bytes, positions).allSatisfy { $0 <= Double($1) })
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(bytes.last == Double(blob.count))
        #expect(
            reports.map { $0["fraction"]?.numberValue }
                == positions.map { Double($0) / Double(blob.count) })
        #expect(reports.allSatisfy { $0["description"] == .string(server.url("/blob")) })
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
        // With a 60 s interval the line is drawn only for the reports, 0 and 1: the ticker
        // never fires, and the redraw it attempts when the bar ends must not show.
        #expect(result.error.hasPrefix("\r"))
        #expect(result.error.hasSuffix("\n"))
        #expect(result.error.filter { $0 == "\n" }.count == 1)
        let drawings = result.error.dropFirst().dropLast().split(
            separator: "\r", omittingEmptySubsequences: false)
        #expect(drawings.count == 2)
        #expect(drawings.first == "\(url)  0 B")
        // The average rate follows when the fetch took long enough to measure it.
        let done = "\(url)  2.0 KiB  100%"
        let last = drawings.last.map(String.init) ?? ""
        #expect(last == done || (last.hasPrefix(done + "  ") && last.hasSuffix("/s")))
    }
}
