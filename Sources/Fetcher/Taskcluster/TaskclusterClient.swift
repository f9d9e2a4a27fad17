/// A Taskcluster deployment and the credentials to use with it.
public struct TaskclusterClient: Sendable {
    /// The deployment's root URL, for example `https://tc.example.com`; every endpoint is
    /// `<rootURL>/api/<service>/v1/<path>`.
    public var rootURL: String

    /// The credentials that sign requests; `nil` fetches public artifacts only.
    public var credentials: TaskclusterCredentials?

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - rootURL: The deployment's root URL; a trailing `/` is ignored.
    ///   - credentials: The credentials that sign requests, if any.
    public init(rootURL: String, credentials: TaskclusterCredentials? = nil) {
        var root = rootURL
        while root.hasSuffix("/") { root.removeLast() }
        self.rootURL = root
        self.credentials = credentials
    }
}
