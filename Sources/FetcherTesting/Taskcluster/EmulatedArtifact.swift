/// What a ``TaskclusterEmulator`` serves for one artifact, by storage type.
public enum EmulatedArtifact: Sendable, Hashable {
    /// Bytes kept by the emulator. `getArtifact` answers 303 to a blob URL the emulator serves
    /// itself, with body `{"storageType": "s3", "url": ...}`. The URL of a private artifact
    /// carries an unguessable token and an `X-Amz-Signature` query parameter, as an S3
    /// presigned URL does. `artifact` answers 200 with the same body.
    case s3([UInt8])

    /// A link elsewhere. `getArtifact` answers 303 to `url`, with body
    /// `{"storageType": "reference", "url": ...}`; `artifact` answers 200 with the same body.
    case reference(url: String)

    /// Bytes kept by the emulated object service under the object name
    /// ``TaskclusterEmulator/objectName(taskId:runId:artifact:)``. `getArtifact` answers 303
    /// with body `{"storageType": "object", "name": ..., "url": ..., "credentials": ...}`:
    /// the client then calls the object service's `startDownload` for `name`, signing with
    /// the temporary `credentials` (which hold `object:download:<name>`) or its own.
    /// `artifact` answers 200 with `{"storageType": "object", "name": ..., "credentials": ...}`,
    /// the credentials named `artifact-download/<taskId>/<runId>/<artifact name>` as the
    /// queue names them.
    case object([UInt8])

    /// An artifact the task reported as failed. `getArtifact` answers 424 with body
    /// `{"reason": ..., "message": ...}`; `artifact` answers 200 with
    /// `{"storageType": "error", "reason": ..., "message": ...}`.
    case error(reason: String, message: String)

    /// The storage type as the queue names it: `s3`, `reference`, `object` or `error`.
    public var storageType: String {
        switch self {
        case .s3: "s3"
        case .reference: "reference"
        case .object: "object"
        case .error: "error"
        }
    }
}
