import Glibc

/// A stream over a plain TCP socket.
final class PlainSocketStream: ByteStream {
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count < 0, errno == EINTR {
                continue
            }
            return max(0, count)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < bytes.count {
            let count = send(
                descriptor, bytes.baseAddress! + offset, bytes.count - offset,
                Int32(MSG_NOSIGNAL))
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                return offset
            }
            offset += count
        }
        return offset
    }

    func finish() {}
}
