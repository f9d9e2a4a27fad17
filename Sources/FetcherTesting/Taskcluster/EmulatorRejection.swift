/// A request the emulator refuses before doing its work, with the answer to send.
struct EmulatorRejection: Error {
    /// The answer: a Taskcluster error body with its status.
    var response: ServerResponse

    /// A 401 `AuthenticationFailed` answer.
    ///
    /// - Parameter message: Why the credentials were refused.
    /// - Returns: The rejection.
    static func authenticationFailed(_ message: String) -> EmulatorRejection {
        EmulatorRejection(
            response: .taskclusterError(status: 401, code: "AuthenticationFailed", message: message)
        )
    }

    /// A 403 `InsufficientScopes` answer.
    ///
    /// - Parameters:
    ///   - clientId: The client that signed.
    ///   - scope: The scope it lacks.
    /// - Returns: The rejection.
    static func insufficientScopes(clientId: String, scope: String) -> EmulatorRejection {
        let message = "client \"\(clientId)\" lacks the scope \"\(scope)\" this request requires"
        return EmulatorRejection(
            response: .taskclusterError(status: 403, code: "InsufficientScopes", message: message))
    }

    /// A 400 `InvalidRequestArguments` answer.
    ///
    /// - Parameter message: What is wrong with the request.
    /// - Returns: The rejection.
    static func invalidArguments(_ message: String) -> EmulatorRejection {
        EmulatorRejection(
            response: .taskclusterError(
                status: 400, code: "InvalidRequestArguments", message: message))
    }
}
