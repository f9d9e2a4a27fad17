/// Random text for the emulator's unguessable URLs and signatures.
enum EmulatorRandom {
    /// Random bytes from the system's secure generator.
    ///
    /// - Parameter count: How many bytes.
    /// - Returns: The bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Random lower-case hexadecimal text.
    ///
    /// - Parameter byteCount: How many random bytes to write, two characters each.
    /// - Returns: The text.
    static func hex(byteCount: Int) -> String {
        bytes(byteCount).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
