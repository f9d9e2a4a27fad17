import Fetcher
import FetcherTesting
import Foundation
import Testing

extension TaskclusterEmulator {
    /// Sends a GET request over a new connection and reads the answer.
    func get(_ target: String, headers: [String] = []) throws -> TestResponse {
        try request("GET", target, headers: headers)
    }

    /// Sends one request over a new connection, as libcurl would (with the port in `Host`),
    /// and reads the answer.
    func request(
        _ method: String, _ target: String, headers: [String] = [], body: [UInt8] = []
    ) throws -> TestResponse {
        let client = try LoopbackClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for header in headers {
            head += header + "\r\n"
        }
        if !body.isEmpty || method == "PUT" {
            head += "Content-Length: \(body.count)\r\n"
        }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(isHead: method == "HEAD")
    }

    /// Fetches an absolute URL that points at the emulator.
    func follow(_ url: String?) throws -> TestResponse {
        try get(localTarget(of: try #require(url)))
    }

    /// The path and query of a URL on the emulator.
    func localTarget(of url: String) -> String {
        url.hasPrefix(rootURL) ? String(url.dropFirst(rootURL.count)) : url
    }

    /// A target signed with a bewit.
    func bewitTarget(
        _ target: String, credentials: TaskclusterCredentials,
        expiry: Date = Date().addingTimeInterval(25 * 60)
    ) throws -> String {
        let url = try Hawk.bewitURL(for: rootURL + target, credentials: credentials, expiry: expiry)
        return localTarget(of: url)
    }

    /// An `Authorization` header line signing a request to the emulator.
    func authorizationHeader(
        _ method: String, _ target: String, credentials: TaskclusterCredentials,
        payload: HawkPayload? = nil
    ) throws -> String {
        let header = try Hawk.authorizationHeader(
            method: method, url: rootURL + target, credentials: credentials, payload: payload)
        return "Authorization: \(header)"
    }
}

extension TestResponse {
    /// The body as JSON, or `null` when it is not JSON.
    var jsonBody: JSONValue {
        (try? JSONValue(parsing: Data(body))) ?? .null
    }
}

/// Distinct bytes of a given length.
func emulatorBytes(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) }
}
