import Synchronization

/// A bounded supply of fixed-size byte blocks for one transfer: the transfer's back-pressure.
///
/// The receiving side takes a block, fills it and hands it on; when every consumer has dropped
/// the ``Block`` its storage comes back here. When none is left the transfer pauses and
/// registers a waiter, which is called once a block comes back.
///
/// Every pool of the process also draws on one shared budget: a pool always gets its first
/// block, and more only while the budget lasts, so many concurrent transfers share a bounded
/// amount of memory instead of multiplying it.
final class BlockPool: Sendable {
    /// The size of each block while few transfers run; large enough that writes to disk
    /// are efficient.
    static let largeBlockSize = 512 << 10

    /// The size of each block once several transfers run at once: each then gets less.
    static let smallBlockSize = 128 << 10

    /// How many pools may live at once before new ones use small blocks.
    static let largeBlockPools = 3

    /// The number of blocks of one transfer; with the block size this bounds its memory.
    static let defaultCapacity = 8

    /// The bytes of blocks all pools of the process hold beyond their first block.
    static let sharedBudget = MemoryBudget(limit: 8 << 20)

    /// The pools alive now.
    private static let livePools = Atomic<Int>(0)

    /// The memory of one block. The pool hands each to one block at a time, which is why
    /// moving it between threads is safe.
    fileprivate struct Storage: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private struct State {
        var free: [Storage] = []
        var allocated = 0
        var waiter: (@Sendable () -> Void)?
    }

    let blockSize: Int
    let capacity: Int
    private let state = Mutex(State())

    /// Creates a pool; without a block size, large blocks while few transfers run, small
    /// ones beyond.
    init(blockSize: Int? = nil, capacity: Int = defaultCapacity) {
        let others = Self.livePools.add(1, ordering: .relaxed).oldValue
        let size =
            blockSize ?? (others < Self.largeBlockPools ? Self.largeBlockSize : Self.smallBlockSize)
        precondition(size > 0 && capacity > 0, "BlockPool needs a positive size and count")
        self.blockSize = size
        self.capacity = capacity
    }

    deinit {
        state.withLock { state in
            for storage in state.free { storage.pointer.deallocate() }
            Self.sharedBudget.release(state.allocated * blockSize)
        }
        Self.livePools.subtract(1, ordering: .relaxed)
    }

    /// Takes a block for `size` bytes, or registers `waiter` to be called when one comes back.
    ///
    /// The two happen atomically, so a block released in between is never missed. A piece
    /// larger than the pool's blocks (libcurl keeps its pieces within the receive buffer, which
    /// is the block size, but does not promise it) gets a block of its own, freed on release.
    func take(size: Int, orWait waiter: @escaping @Sendable () -> Void) -> Block? {
        guard size <= blockSize else {
            return Block(
                storage: .allocate(byteCount: size, alignment: 64), capacity: size, pool: nil)
        }
        let storage = state.withLock { state -> Storage? in
            if let storage = state.free.popLast() {
                return storage
            }
            if state.allocated < capacity,
                Self.sharedBudget.reserve(blockSize, always: state.allocated == 0)
            {
                state.allocated += 1
                return Storage(pointer: .allocate(byteCount: blockSize, alignment: 64))
            }
            state.waiter = waiter
            return nil
        }
        return storage.map { Block(storage: $0.pointer, capacity: blockSize, pool: self) }
    }

    fileprivate func giveBack(_ storage: UnsafeMutableRawPointer) {
        let returned = Storage(pointer: storage)
        let waiter = state.withLock { state -> (@Sendable () -> Void)? in
            state.free.append(returned)
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?()
    }
}

/// A filled (or filling) block of bytes; its storage returns to its pool when released (or
/// is freed, for a one-off block larger than the pool's).
///
/// Only the receiving thread writes to a block, before handing it on; after that it is
/// read-only, which is why sharing it between consumers is safe.
final class Block: @unchecked Sendable {
    private let storage: UnsafeMutableRawPointer
    private let pool: BlockPool?

    /// The bytes the block can hold.
    let capacity: Int

    /// The bytes filled so far.
    private(set) var count = 0

    fileprivate init(storage: UnsafeMutableRawPointer, capacity: Int, pool: BlockPool?) {
        self.storage = storage
        self.capacity = capacity
        self.pool = pool
    }

    deinit {
        if let pool {
            pool.giveBack(storage)
        } else {
            storage.deallocate()
        }
    }

    /// Room left in the block.
    var remaining: Int {
        capacity - count
    }

    /// Appends `bytes`, which must fit.
    func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= remaining, "Block.append called with more than fits")
        guard let source = bytes.baseAddress else { return }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Calls `body` with the filled bytes, keeping the block alive meanwhile.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) {
            try body(UnsafeRawBufferPointer(start: storage, count: count))
        }
    }
}
