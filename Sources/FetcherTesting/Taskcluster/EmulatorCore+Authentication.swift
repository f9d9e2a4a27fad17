import Fetcher
import Foundation

extension EmulatorCore {
    /// Checks a request's Hawk credentials and that they grant `scope`, as a Taskcluster
    /// service does.
    ///
    /// The credentials are an `Authorization: Hawk ...` header or, when `allowsBewit`, a
    /// `bewit` query parameter; the header wins when both are present. The signature is
    /// checked against the host and port of the request's `Host` header and against the
    /// emulator's own root URL, so a client may sign either. The scopes are the client's, or
    /// for temporary credentials the certificate's (whose issuer must hold them all, and for
    /// named credentials `auth:create-client:<clientId>`), narrowed by `authorizedScopes`.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - scope: The scope the request needs.
    ///   - allowsBewit: Whether a bewit may stand in for the header.
    /// - Throws: A 401 rejection for missing or invalid credentials, 403 for a missing scope.
    func authorize(_ request: ServerRequest, scope: String, allowsBewit: Bool)
        throws(EmulatorRejection)
    {
        let clients = state.withLock { $0.clients }
        let authentication = try authenticate(request, allowsBewit: allowsBewit, clients: clients)
        let scopes = try scopes(of: authentication, clients: clients)
        guard scopesSatisfy(held: scopes, required: [[scope]]) else {
            throw .insufficientScopes(clientId: authentication.clientId, scope: scope)
        }
    }

    private func authenticate(
        _ request: ServerRequest, allowsBewit: Bool,
        clients: [String: EmulatorState.ClientRecord]
    ) throws(EmulatorRejection) -> HawkAuthentication {
        let header = request.header("Authorization")
        let hasBewit = allowsBewit && request.queryItems.contains { $0.name == "bewit" }
        guard header != nil || hasBewit else {
            let accepted = allowsBewit ? "a Hawk Authorization header or a bewit" : "a Hawk header"
            throw .authenticationFailed("the request carries no credentials; it needs \(accepted)")
        }
        let accessToken: (String) -> String? = { clients[$0]?.accessToken }
        var firstError: HawkError?
        for (host, port) in authorities(of: request) {
            do {
                if let header {
                    return try Hawk.verifyAuthorizationHeader(
                        header, method: request.method, requestTarget: request.target,
                        host: host, port: port,
                        payload: HawkPayload(
                            contentType: request.header("Content-Type") ?? "",
                            body: request.body),
                        accessToken: accessToken)
                }
                return try Hawk.verifyBewit(
                    requestTarget: request.target, method: request.method, host: host,
                    port: port, accessToken: accessToken)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw .authenticationFailed(firstError?.description ?? "the signature does not match")
    }

    /// The host and port pairs a signature may name: the request's `Host` header (port 80
    /// when it names none), then the emulator's own address.
    private func authorities(of request: ServerRequest) -> [(String, Int)] {
        var authorities: [(String, Int)] = []
        if let host = request.header("Host"), let authority = Self.parseAuthority(host) {
            authorities.append(authority)
        }
        if !authorities.contains(where: { $0.0 == "127.0.0.1" && $0.1 == port }) {
            authorities.append(("127.0.0.1", port))
        }
        return authorities
    }

    /// Splits `host[:port]` (the host possibly a bracketed IPv6 address).
    private static func parseAuthority(_ text: String) -> (String, Int)? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            return nil
        }
        let hostEnd: String.Index
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return nil
            }
            hostEnd = text.index(after: close)
        } else {
            hostEnd = text.firstIndex(of: ":") ?? text.endIndex
        }
        let host = String(text[..<hostEnd]).lowercased()
        let rest = text[hostEnd...]
        guard !rest.isEmpty else {
            return (host, 80)
        }
        guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port)
        else {
            return nil
        }
        return (host, port)
    }

    /// The scopes a verified signature may use; see `authorize`.
    private func scopes(
        of authentication: HawkAuthentication, clients: [String: EmulatorState.ClientRecord]
    ) throws(EmulatorRejection) -> [String] {
        var scopes: [String]
        if let certificate = authentication.certificate {
            let issuer = certificate.issuer ?? authentication.clientId
            let issuerScopes = clients[issuer]?.scopes ?? []
            guard scopesSatisfy(held: issuerScopes, required: [certificate.scopes]) else {
                throw .authenticationFailed(
                    "the issuer \"\(issuer)\" of the temporary credentials does not hold all "
                        + "the scopes of their certificate")
            }
            if certificate.issuer != nil {
                let createClient = "auth:create-client:\(authentication.clientId)"
                guard scopesSatisfy(held: issuerScopes, required: [[createClient]]) else {
                    throw .authenticationFailed(
                        "the issuer \"\(issuer)\" of named temporary credentials lacks "
                            + "\"\(createClient)\"")
                }
            }
            scopes = certificate.scopes
        } else {
            scopes = clients[authentication.clientId]?.scopes ?? []
        }
        if let authorized = authentication.authorizedScopes {
            guard scopesSatisfy(held: scopes, required: [authorized]) else {
                throw .authenticationFailed(
                    "the authorizedScopes of client \"\(authentication.clientId)\" are not all "
                        + "held by it")
            }
            scopes = authorized
        }
        return scopes
    }
}
