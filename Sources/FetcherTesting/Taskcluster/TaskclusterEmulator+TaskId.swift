import Fetcher

extension TaskclusterEmulator {
    /// Makes a random task id, a "nice" slugid as Taskcluster makes them: a version 4 UUID in
    /// unpadded base64url whose first character is a letter from `A` to `f`.
    ///
    /// - Returns: A 22-character task id that ``isValidTaskId(_:)`` accepts.
    public static func makeTaskId() -> String {
        var bytes = EmulatorRandom.bytes(16)
        bytes[0] &= 0x7f
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        return Base64URL.encode(bytes)
    }

    /// Tells whether text is a task id the queue accepts, that is, matches
    /// `^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$`.
    ///
    /// - Parameter taskId: The text to check.
    /// - Returns: `true` for a valid task id.
    public static func isValidTaskId(_ taskId: String) -> Bool {
        let characters = Array(taskId.utf8)
        guard characters.count == 22 else {
            return false
        }
        func isSlugCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        return characters.enumerated().allSatisfy { position, byte in
            switch position {
            case 8: Array("QRST".utf8).contains(byte)
            case 10: Array("CGKOSWaeimquy26-".utf8).contains(byte)
            case 21: Array("AQgw".utf8).contains(byte)
            default: isSlugCharacter(byte)
            }
        }
    }
}
