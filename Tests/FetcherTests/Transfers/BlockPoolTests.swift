import Synchronization
import Testing

@testable import Fetcher

struct BlockPoolTests {
    @Test func anEmptyPoolCallsItsWaiterWhenABlockComesBack() {
        let pool = BlockPool(blockSize: 1024, capacity: 1)
        let woken = Mutex(0)
        var first = pool.take(size: 100) { woken.withLock { $0 += 1 } }
        #expect(first != nil)
        #expect(pool.take(size: 100) { woken.withLock { $0 += 1 } } == nil)
        #expect(woken.withLock { $0 } == 0)
        first = nil
        #expect(woken.withLock { $0 } == 1)
        #expect(pool.take(size: 100) { woken.withLock { $0 += 1 } } != nil)
    }

    @Test func aPieceLargerThanABlockGetsABlockOfItsOwn() {
        let pool = BlockPool(blockSize: 1024, capacity: 1)
        let piece = [UInt8](repeating: 7, count: 5000)
        let block = pool.take(size: piece.count) {}
        #expect(block?.capacity == 5000)
        piece.withUnsafeBytes { block?.append($0) }
        #expect(block?.withBytes { Array($0) } == piece)
        #expect(pool.take(size: 10) {} != nil)
    }
}
