import Foundation
import Testing

@testable import Fetcher

struct DigestTests {
    static let knownDigests: [(HashAlgorithm, String, String)] = [
        (.md5, "", "d41d8cd98f00b204e9800998ecf8427e"),
        (.md5, "abc", "900150983cd24fb0d6963f7d28e17f72"),
        (.sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            .sha512, "",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        (
            .sha512, "abc",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
    ]

    @Test func knownVectorsForEachAlgorithm() {
        for (algorithm, message, expected) in Self.knownDigests {
            let digest = Digester.digest(algorithm, of: Array(message.utf8))
            #expect(Hex.encode(digest) == expected, "\(algorithm) of \"\(message)\"")
            #expect(digest.count == algorithm.digestLength)
            #expect(expected.count == algorithm.hexLength)
        }
    }

    @Test func lengthsOfEachAlgorithm() {
        #expect(HashAlgorithm.allCases.map(\.digestLength) == [16, 20, 32, 64])
        #expect(HashAlgorithm.allCases.map(\.hexLength) == [32, 40, 64, 128])
        #expect(HashAlgorithm(rawValue: "sha256") == .sha256)
    }

    @Test func aMillionAsInUnevenChunks() {
        let digester = Digester(.sha256)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 7_919)
        var remaining = 1_000_000
        var size = 1
        while remaining > 0 {
            let count = min(size, remaining, chunk.count)
            chunk.withUnsafeBytes {
                digester.update(UnsafeRawBufferPointer(rebasing: $0[..<count]))
            }
            remaining -= count
            size = size >= chunk.count ? 1 : size * 3 + 1
        }
        #expect(
            Hex.encode(digester.finalize())
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sixteenMebibytesInUnevenPiecesMatchOneShot() {
        let count = 16 * 1024 * 1024
        var bytes = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ (index >> 11))
        }
        let oneShot = Digester.digest(.sha256, of: bytes)
        let pieces = MultiDigester([.sha256, .md5])
        bytes.withUnsafeBytes { buffer in
            var start = 0
            var piece = 0
            let sizes = [1, 4_095, 65_537, 3, 1_048_577, 0, 333_333]
            while start < count {
                let end = min(start + sizes[piece % sizes.count], count)
                pieces.update(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                start = end
                piece += 1
            }
        }
        let digests = pieces.finalize()
        #expect(digests[.sha256] == oneShot)
        #expect(
            Hex.encode(oneShot)
                == "6027b5bbeb7704477c7cdb74d484a7ce6491512887f6385b1f3eb6550c75858b")
        #expect(digests[.md5].map(Hex.encode) == "5dba83fc530a145f2d35d5e600292125")
    }

    @Test func aBackgroundDigestHashesBesideTheCallersWorkAndMatchesOneShot() {
        struct WorkFailed: Error {}
        let blob = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ ($0 >> 9)) }
        let digester = BackgroundDigester(.sha256)
        Array("discarded by the reset".utf8).withUnsafeBytes { digester.update($0) {} }
        digester.reset()
        var copied: [UInt8] = []
        let sizes = [1, 4_095, 0, 65_537, 1_048_577, 3, 333_333]
        var start = 0
        var piece = 0
        blob.withUnsafeBytes { buffer in
            while start < blob.count {
                let end = min(start + sizes[piece % sizes.count], blob.count)
                let part = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                digester.update(part) { copied += part }
                start = end
                piece += 1
            }
        }
        // The work's error reaches the caller once the bytes are hashed.
        #expect(throws: WorkFailed.self) {
            try Array("tail".utf8).withUnsafeBytes { tail in
                try digester.update(tail) { throw WorkFailed() }
            }
        }
        let digest = digester.finalize()
        #expect(copied == blob)
        #expect(digest == Digester.digest(.sha256, of: blob + Array("tail".utf8)))
        #expect(digester.finalize() == digest)
    }

    @Test func multiDigesterComputesEveryAlgorithm() {
        let digester = MultiDigester(HashAlgorithm.allCases + [.sha256])
        #expect(digester.algorithms == Set(HashAlgorithm.allCases))
        digester.update(Array("a".utf8))
        digester.update(Data("bc".utf8))
        let digests = digester.finalize()
        for (algorithm, message, expected) in Self.knownDigests where message == "abc" {
            #expect(digests[algorithm].map(Hex.encode) == expected)
        }
        #expect(digester.finalize() == digests)
    }

    @Test func finalizeTwiceReturnsTheSameDigestAndResetStartsOver() {
        let digester = Digester(.sha1)
        digester.update(Array("partial".utf8))
        let first = digester.finalize()
        #expect(digester.finalize() == first)
        digester.reset()
        digester.update(Array("abc".utf8))
        #expect(Hex.encode(digester.finalize()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func emptyUpdatesChangeNothing() {
        let digester = Digester(.sha256)
        digester.update([UInt8]())
        digester.update(UnsafeRawBufferPointer(start: nil, count: 0))
        digester.update(Array("abc".utf8))
        digester.update(Data())
        #expect(
            Hex.encode(digester.finalize())
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hexRoundTripInEitherCase() {
        let bytes: [UInt8] = [0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]
        #expect(Hex.encode(bytes) == "00017f80abff")
        #expect(Hex.decode("00017f80abff") == bytes)
        #expect(Hex.decode("00017F80ABFF") == bytes)
        #expect(Hex.decode("00017f80AbFf") == bytes)
        #expect(Hex.encode([]) == "")
        #expect(Hex.decode("") == [])
    }

    @Test func hexRejectsBadInput() {
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode(" 00") == nil)
        #expect(Hex.decode("0x00") == nil)
        #expect(Hex.decode("é0") == nil)
    }

    @Test func constantTimeEqualsComparesContentAndLength() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([9, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!constantTimeEquals([], [0]))
        #expect(constantTimeEquals([], []))
    }

    @Test func hmacRFC4231TestCases() {
        let first = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        #expect(
            Hex.encode(first)
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let second = HMACSHA256.authenticationCode(
            key: "Jefe", message: "what do ya want for nothing?")
        #expect(
            Hex.encode(second)
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacWithEmptyKeyAndMessage() {
        let code = HMACSHA256.authenticationCode(key: [], message: [])
        #expect(
            Hex.encode(code) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func base64URLRoundTripWithoutPadding() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf, 0x01]
        #expect(Base64URL.encode(bytes) == "-_-_AQ")
        #expect(Base64URL.decode("-_-_AQ") == bytes)
        #expect(Base64URL.decode("+/+/AQ==") == bytes)
        #expect(Base64URL.decode("A") == nil)
        #expect(Base64URL.decode("*a==") == nil)
    }
}
