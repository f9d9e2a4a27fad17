/// An artifact or index reference used without a Taskcluster deployment to ask.
public struct TaskclusterNotConfiguredError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What needed the deployment.
    public var subject: String

    /// Creates the error.
    ///
    /// - Parameter subject: What needed the deployment.
    public init(subject: String) {
        self.subject = subject
    }

    /// Says what to configure.
    public var description: String {
        "cannot fetch \(subject): no Taskcluster root URL is configured "
            + "(set TASKCLUSTER_ROOT_URL, or FetchContext.taskcluster)"
    }
}
