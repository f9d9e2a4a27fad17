import Fetcher
import Foundation

/// How the emulated object service answers `startDownload` for one object: which hashes it
/// announces, whether they are right, and how long the download URL stays valid.
public struct EmulatedObjectOptions: Sendable, Hashable {
    /// The hashes announced in `hashes`, among SHA-256 and SHA-512 (the only ones the object
    /// service knows; others are ignored). Both by default; empty announces none, which a
    /// client must refuse.
    public var announcedHashes: [HashAlgorithm]

    /// Hashes announced with a wrong value (the true digest with its last hexadecimal digit
    /// changed), to test integrity failures.
    public var wrongHashes: Set<HashAlgorithm>

    /// How long a download URL is valid: `expires` is this long after `startDownload`, and
    /// the URL answers 403 afterwards, as an expired presigned URL does. One hour by default.
    public var urlLifetime: TimeInterval

    /// Makes options.
    ///
    /// - Parameters:
    ///   - announcedHashes: The hashes to announce; SHA-256 and SHA-512 by default.
    ///   - wrongHashes: The hashes to announce with a wrong value; none by default.
    ///   - urlLifetime: How long each download URL is valid; one hour by default.
    public init(
        announcedHashes: [HashAlgorithm] = [.sha256, .sha512],
        wrongHashes: Set<HashAlgorithm> = [], urlLifetime: TimeInterval = 60 * 60
    ) {
        self.announcedHashes = announcedHashes
        self.wrongHashes = wrongHashes
        self.urlLifetime = urlLifetime
    }
}
