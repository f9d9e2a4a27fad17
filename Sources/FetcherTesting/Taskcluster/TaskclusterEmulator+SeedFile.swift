import Foundation

extension TaskclusterEmulator {
    /// Starts an emulator seeded from a JSON file.
    ///
    /// The file holds one object; every member is optional and unknown members are refused:
    ///
    /// ```json
    /// {
    ///   "clients": [
    ///     {"clientId": "project/ci", "accessToken": "secret", "scopes": ["queue:get-artifact:*"]}
    ///   ],
    ///   "tasks": [
    ///     {
    ///       "taskId": "fN1SbArXTPSVFNUvaOlinQ",
    ///       "runs": 2,
    ///       "artifacts": [
    ///         {"name": "public/hello.txt", "text": "hello\n"},
    ///         {"name": "private/key.bin", "runId": 0, "storageType": "object", "base64": "AAEC"},
    ///         {"name": "public/docs", "storageType": "reference", "url": "https://example.com/"},
    ///         {"name": "public/log", "storageType": "error", "reason": "file-missing-on-worker",
    ///          "message": "the worker found no such file"},
    ///         {"name": "public/old.txt", "text": "old", "expired": true}
    ///       ]
    ///     }
    ///   ],
    ///   "index": {"project.app.latest": "fN1SbArXTPSVFNUvaOlinQ"},
    ///   "objects": [{"name": "some/object", "text": "bytes"}]
    /// }
    /// ```
    ///
    /// - `clients`: permanent clients, as ``addClient(id:accessToken:scopes:)`` takes them.
    /// - `tasks`: each with a valid `taskId`, `runs` (0 to 50; by default just enough for its
    ///   artifacts, at least 1) and `artifacts`. An artifact has a `name`, a `runId` (the
    ///   latest run by default), a `storageType` (`s3` by default, `object`, `reference` or
    ///   `error`) and what that type needs: the bytes as UTF-8 `text` or as `base64` for s3
    ///   and object, a `url` for reference, a `reason` and a `message` for error; `expired`
    ///   (false by default) makes the queue answer 410.
    /// - `index`: namespaces and the task ids they point to.
    /// - `objects`: objects of the object service, by `name`, with `text` or `base64`.
    ///
    /// - Parameters:
    ///   - file: The path of the seed file.
    ///   - port: The port to listen on; 0 (the default) lets the system pick a free one.
    ///   - requestLogLimit: The most recent requests to keep; `nil` keeps all.
    /// - Returns: The running, seeded emulator.
    /// - Throws: ``TaskclusterEmulatorSeedError`` when the file cannot be read or is not a
    ///   seed (before anything starts), ``FaultServerError`` when the server cannot start.
    public static func load(from file: String, port: Int = 0, requestLogLimit: Int? = nil)
        throws -> TaskclusterEmulator
    {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw TaskclusterEmulatorSeedError.unreadableFile(
                path: file, reason: error.localizedDescription)
        }
        let seed = try EmulatorSeed(json: text)
        let emulator = try TaskclusterEmulator(port: port, requestLogLimit: requestLogLimit)
        seed.apply(to: emulator)
        return emulator
    }

    /// Adds clients, tasks, artifacts, index entries and objects described by a seed
    /// document, in the format of ``load(from:port:requestLogLimit:)``. Nothing is added when
    /// the document is refused.
    ///
    /// - Parameter json: The seed document's JSON text.
    /// - Throws: ``TaskclusterEmulatorSeedError`` when the text is not JSON or not a seed.
    public func seed(fromJSON json: String) throws(TaskclusterEmulatorSeedError) {
        try EmulatorSeed(json: json).apply(to: self)
    }
}
