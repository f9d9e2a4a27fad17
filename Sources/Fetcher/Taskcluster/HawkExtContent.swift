import Foundation

/// What Taskcluster clients put in the Hawk `ext`: base64 (either alphabet) of a JSON object
/// with an optional `certificate` and optional `authorizedScopes`.
struct HawkExtContent {
    /// The temporary-credential certificate, if any.
    var certificate: TaskclusterCredentials.Certificate?
    /// The scopes the request is restricted to, if any.
    var authorizedScopes: [String]?

    /// Reads an `ext`; an empty one has neither part.
    ///
    /// - Parameter ext: The `ext` value.
    /// - Throws: `HawkError.malformedExt` when it is not base64 of a JSON object, and
    ///   `HawkError.invalidCertificate` when its certificate or scopes are malformed.
    init(ext: String) throws(HawkError) {
        guard !ext.isEmpty else {
            return
        }
        guard let bytes = Base64URL.decode(ext),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else {
            throw .malformedExt
        }
        if let certificateObject = object["certificate"] {
            guard JSONSerialization.isValidJSONObject(certificateObject),
                let data = try? JSONSerialization.data(withJSONObject: certificateObject),
                let certificate = try? JSONDecoder().decode(
                    TaskclusterCredentials.Certificate.self, from: data)
            else {
                throw .invalidCertificate("the certificate in ext is not a certificate object")
            }
            self.certificate = certificate
        }
        if let scopes = object["authorizedScopes"] {
            guard let scopes = scopes as? [String] else {
                throw .invalidCertificate("authorizedScopes in ext is not a list of strings")
            }
            authorizedScopes = scopes
        }
    }
}
