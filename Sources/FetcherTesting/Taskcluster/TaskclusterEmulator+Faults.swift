extension TaskclusterEmulator {
    /// Makes the next `count` requests to an endpoint fail with `status` and a Taskcluster
    /// error body (`InternalServerError` for 500, `InjectedFailure` otherwise), to test
    /// retries. Faults are used in the order they were added.
    ///
    /// - Parameters:
    ///   - endpoint: The endpoint that fails.
    ///   - status: The status to answer; 500 by default.
    ///   - count: How many requests fail; 1 by default.
    public func failNext(_ endpoint: Endpoint, status: Int = 500, count: Int = 1) {
        addFault(.endpoint(endpoint), Array(repeating: Self.failure(status), count: max(0, count)))
    }

    /// Makes the next `count` requests whose path starts with `pathPrefix` (as sent, still
    /// percent-encoded) fail with `status`; see ``failNext(_:status:count:)``.
    ///
    /// - Parameters:
    ///   - pathPrefix: The start of the paths that fail, for example `/api/index/`.
    ///   - status: The status to answer; 500 by default.
    ///   - count: How many requests fail; 1 by default.
    public func failNext(pathPrefix: String, status: Int = 500, count: Int = 1) {
        addFault(
            .pathPrefix(pathPrefix), Array(repeating: Self.failure(status), count: max(0, count)))
    }

    /// Answers the next requests to an endpoint with these responses instead, one each (for
    /// example a blob cut short with `.ok(bytes).dropping(after: 100)`).
    ///
    /// - Parameters:
    ///   - endpoint: The endpoint.
    ///   - responses: The answers, in order.
    public func injectNext(_ endpoint: Endpoint, _ responses: [ServerResponse]) {
        addFault(.endpoint(endpoint), responses)
    }

    /// Answers the next requests whose path starts with `pathPrefix` with these responses
    /// instead, one each.
    ///
    /// - Parameters:
    ///   - pathPrefix: The start of the paths, as sent.
    ///   - responses: The answers, in order.
    public func injectNext(pathPrefix: String, _ responses: [ServerResponse]) {
        addFault(.pathPrefix(pathPrefix), responses)
    }

    /// Drops every fault not used yet.
    public func clearFaults() {
        core.state.withLock { $0.faults = [] }
    }

    private func addFault(_ target: EmulatorState.FaultTarget, _ responses: [ServerResponse]) {
        guard !responses.isEmpty else {
            return
        }
        core.state.withLock {
            $0.faults.append(EmulatorState.FaultRecord(target: target, responses: responses))
        }
    }

    private static func failure(_ status: Int) -> ServerResponse {
        .taskclusterError(
            status: status, code: status == 500 ? "InternalServerError" : "InjectedFailure",
            message: "an injected failure of the Taskcluster emulator (status \(status))")
    }
}
