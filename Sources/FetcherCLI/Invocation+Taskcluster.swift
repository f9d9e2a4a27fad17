import Fetcher

extension Invocation {
    /// Sets ``taskcluster`` from `--root-url`, else `TASKCLUSTER_ROOT_URL`, with the
    /// credentials in `TASKCLUSTER_CLIENT_ID`, `TASKCLUSTER_ACCESS_TOKEN` and
    /// `TASKCLUSTER_CERTIFICATE`. Without a root URL it stays `nil`, and only the references
    /// that need a deployment fail.
    ///
    /// - Parameter environment: The variables to read.
    /// - Throws: ``UsageError`` when `TASKCLUSTER_ROOT_URL` is not an http(s) URL or
    ///   `TASKCLUSTER_CERTIFICATE` is not a certificate.
    mutating func resolveTaskcluster(environment: [String: String]) throws {
        var root = rootURL
        if root == nil, let variable = environment["TASKCLUSTER_ROOT_URL"], !variable.isEmpty {
            root = try Self.checkedRootURL(variable, source: "TASKCLUSTER_ROOT_URL")
        }
        guard let root else {
            taskcluster = nil
            return
        }
        let credentials = TaskclusterCredentials.fromEnvironment(environment)
        do {
            _ = try credentials?.parsedCertificate()
        } catch {
            throw UsageError("TASKCLUSTER_CERTIFICATE is not usable: \(error)")
        }
        taskcluster = TaskclusterClient(rootURL: root, credentials: credentials)
    }

    /// `text` if it is an http or https URL with a host and neither a query nor a fragment.
    ///
    /// - Parameters:
    ///   - text: The root URL as given.
    ///   - source: Where it comes from, for the message: `option --root-url`.
    /// - Returns: `text`.
    /// - Throws: ``UsageError`` naming `source` when `text` is not such a URL.
    static func checkedRootURL(_ text: String, source: String) throws -> String {
        let lowercased = text.lowercased()
        let scheme = ["http://", "https://"].first { lowercased.hasPrefix($0) }
        let host = scheme.map { text.dropFirst($0.count).prefix { $0 != "/" } } ?? ""
        guard !host.isEmpty,
            !text.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
        else {
            throw UsageError(
                "\(source) needs an http:// or https:// URL such as https://tc.example.com, "
                    + "not '\(text)'")
        }
        return text
    }
}
