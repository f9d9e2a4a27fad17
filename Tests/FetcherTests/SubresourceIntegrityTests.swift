import Testing

@testable import Fetcher

struct SubresourceIntegrityTests {
    static let abcSHA256 = "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
    static let abcSHA512 =
        "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/"
        + "BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="

    @Test func parsesSHA256() throws {
        let integrity = try SubresourceIntegrity(parsing: Self.abcSHA256)
        #expect(integrity.algorithm == .sha256)
        #expect(integrity.expectedDigests == [Digester.digest(.sha256, of: Array("abc".utf8))])
        #expect(integrity.description == Self.abcSHA256)
    }

    @Test func strongestAlgorithmWins() throws {
        let integrity = try SubresourceIntegrity(
            parsing: "  \(Self.abcSHA256)\t\(Self.abcSHA512)?ct=application/octet-stream \n")
        #expect(integrity.algorithm == .sha512)
        #expect(integrity.isSatisfied(by: Digester.digest(.sha512, of: Array("abc".utf8))))
        #expect(!integrity.isSatisfied(by: Digester.digest(.sha512, of: Array("abd".utf8))))
    }

    @Test func anyEntryOfTheStrongestAlgorithmIsAccepted() throws {
        let other = "sha256-" + String(repeating: "A", count: 43) + "="
        let integrity = try SubresourceIntegrity(parsing: "\(other) \(Self.abcSHA256)")
        #expect(integrity.expectedDigests.count == 2)
        #expect(integrity.isSatisfied(by: Digester.digest(.sha256, of: Array("abc".utf8))))
        #expect(integrity.isSatisfied(by: [UInt8](repeating: 0, count: 32)))
    }

    @Test func acceptsUpperCaseAlgorithmAndURLSafeAlphabet() throws {
        let integrity = try SubresourceIntegrity(
            parsing: "SHA256-ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")
        #expect(integrity.algorithm == .sha256)
        #expect(integrity.isSatisfied(by: Digester.digest(.sha256, of: Array("abc".utf8))))
    }

    @Test func sha384IsIgnoredNextToSHA512AndRejectedAlone() throws {
        let sha384 = "sha384-" + String(repeating: "A", count: 64)
        let integrity = try SubresourceIntegrity(parsing: "\(sha384) \(Self.abcSHA512)")
        #expect(integrity.algorithm == .sha512)
        #expect(throws: SubresourceIntegrityError.unsupportedAlgorithm("sha384")) {
            try SubresourceIntegrity(parsing: "\(Self.abcSHA256) \(sha384)")
        }
    }

    @Test func rejectsMalformedStrings() {
        #expect(throws: SubresourceIntegrityError.empty) { try SubresourceIntegrity(parsing: " ") }
        #expect(throws: SubresourceIntegrityError.malformedEntry("sha256")) {
            try SubresourceIntegrity(parsing: "sha256")
        }
        #expect(throws: SubresourceIntegrityError.unsupportedAlgorithm("md5")) {
            try SubresourceIntegrity(parsing: "md5-kAFQmDzST7DWlj99KOF/cg==")
        }
        #expect(throws: SubresourceIntegrityError.invalidBase64("sha256-!!!!")) {
            try SubresourceIntegrity(parsing: "sha256-!!!!")
        }
        #expect(throws: SubresourceIntegrityError.invalidBase64("sha512-")) {
            try SubresourceIntegrity(parsing: "sha512-")
        }
        #expect(
            throws: SubresourceIntegrityError.wrongDigestLength(
                algorithm: "sha512", expected: 64, actual: 32)
        ) {
            try SubresourceIntegrity(parsing: "sha512-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        }
    }

    @Test func mismatchNamesExpectedAndComputed() throws {
        let integrity = try SubresourceIntegrity(parsing: Self.abcSHA256)
        let digest = Digester.digest(.sha256, of: [UInt8]())
        let error = #expect(throws: SubresourceIntegrityError.self) {
            try integrity.verify(digest)
        }
        #expect(
            error?.description
                == "integrity mismatch: expected \(Self.abcSHA256), computed "
                + "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        try integrity.verify(Digester.digest(.sha256, of: Array("abc".utf8)))
    }

    @Test func initFromDigestChecksAlgorithmAndLength() throws {
        let digest = Digester.digest(.sha512, of: Array("abc".utf8))
        let integrity = try SubresourceIntegrity(algorithm: .sha512, expectedDigest: digest)
        #expect(integrity.description == Self.abcSHA512)
        #expect(throws: SubresourceIntegrityError.unsupportedAlgorithm("sha1")) {
            try SubresourceIntegrity(
                algorithm: .sha1, expectedDigest: [UInt8](repeating: 0, count: 20))
        }
        #expect(
            throws: SubresourceIntegrityError.wrongDigestLength(
                algorithm: "sha256", expected: 32, actual: 64)
        ) {
            try SubresourceIntegrity(algorithm: .sha256, expectedDigest: digest)
        }
    }

    @Test func errorDescriptionsAreSentences() {
        #expect(
            SubresourceIntegrityError.unsupportedAlgorithm("sha384").description
                == "the integrity algorithm \"sha384\" is not supported; use sha256 or sha512")
        #expect(SubresourceIntegrityError.empty.description == "the integrity string is empty")
    }
}
