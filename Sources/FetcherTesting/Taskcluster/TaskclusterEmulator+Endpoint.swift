extension TaskclusterEmulator {
    /// An endpoint of the emulator, named after the Taskcluster API method it emulates, for
    /// counting requests and injecting faults.
    public enum Endpoint: String, Sendable, Hashable, CaseIterable {
        /// Queue `status`: `GET /api/queue/v1/task/<taskId>/status`.
        case status
        /// Queue `getArtifact`: `GET /api/queue/v1/task/<taskId>/runs/<runId>/artifacts/<name>`.
        case getArtifact
        /// Queue `getLatestArtifact`: `GET /api/queue/v1/task/<taskId>/artifacts/<name>`.
        case getLatestArtifact
        /// Queue `artifact`:
        /// `GET /api/queue/v1/task/<taskId>/runs/<runId>/artifact-content/<name>`.
        case artifact
        /// Queue `latestArtifact`: `GET /api/queue/v1/task/<taskId>/artifact-content/<name>`.
        case latestArtifact
        /// Index `findTask`: `GET /api/index/v1/task/<namespace>`.
        case findTask
        /// Object service `startDownload`: `PUT /api/object/v1/start-download/<name>`.
        case startDownload
        /// The blob URLs the emulator hands out and serves itself (`/_blobs/<token>`): the
        /// targets of s3 and object artifact redirects and the object service's download URLs.
        case blob
    }
}
