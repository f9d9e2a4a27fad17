import Fetcher
import Foundation
import Testing

struct WriteResetterTests {
    @Test func memoryResetterKeepsOnlyWhatFollowsTheReset() throws {
        let target = MemoryResetter()
        try target.write(Array("first attempt".utf8))
        target.reset()
        try target.write(Array("second".utf8))
        #expect(target.bytes == Array("second".utf8))
    }

    @Test func fileResetterLeavesExactlyTheSecondWrite() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fetcher-resetter-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let target = try FileResetter(creatingFileAt: path)
            try target.write(Array(repeating: 0xAB, count: 100_000))
            try target.reset()
            try target.write(Array("hello".utf8))
            try target.write(Array(", world".utf8))
        }
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(contents) == Array("hello, world".utf8))
    }

    @Test func aDurableFileHoldsExactlyWhatFollowsTheResetAcrossBackgroundFlushes() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fetcher-durable-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let piece = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let pieces = DurableFileTarget.flushInterval / piece.count * 2 + 1
        let target = DurableFileTarget(try FileResetter(creatingFileAt: path))
        try target.write(Array(repeating: 0xAB, count: DurableFileTarget.flushInterval + 1))
        try target.reset()
        for _ in 0..<pieces {
            try target.write(piece)
        }
        try target.synchronize()
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(contents.count == pieces * piece.count)
        let expected = Data(piece)
        let wrong = stride(from: 0, to: contents.count, by: piece.count).filter {
            contents[$0..<min($0 + piece.count, contents.count)] != expected
        }
        #expect(wrong.isEmpty, "pieces that differ start at \(wrong)")
    }

    @Test func fileResetterOverACallersDescriptorLeavesItOpen() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fetcher-resetter-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDWR | O_CREAT, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let target = FileResetter(fileDescriptor: descriptor)
        try target.write(Array("abcdef".utf8))
        try target.reset()
        try target.write(Array("xy".utf8))
        #expect(lseek(descriptor, 0, SEEK_CUR) == 2)
        #expect(fcntl(descriptor, F_GETFD) != -1)
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(contents) == Array("xy".utf8))
    }

    @Test func fileResetterReportsAnUnwritableDescriptor() throws {
        let target = FileResetter(fileDescriptor: -1)
        #expect(throws: SystemCallError.self) {
            try target.write(Array("x".utf8))
        }
        #expect(throws: SystemCallError.self) {
            try target.reset()
        }
    }

    @Test func creatingAFileInAMissingFolderNamesThePath() {
        let path = "/nonexistent-folder-of-fetcher/blob"
        #expect {
            _ = try FileResetter(creatingFileAt: path)
        } throws: { error in
            "\(error)" == "open \(path) failed: No such file or directory"
        }
    }
}
