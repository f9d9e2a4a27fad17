extension BlobCache {
    /// When an entry's content is checked against the SHA-256 recorded when it was written.
    ///
    /// A new entry is never read back: its digest was computed as its bytes were written.
    public enum Verification: Sendable, Hashable {
        /// Every time the entry is opened: a flipped bit anywhere is caught, at the cost of
        /// reading the whole blob on each hit.
        case always

        /// Only when the blob file's size, inode or modification time differ from those
        /// recorded when it was written: a replaced or rewritten file is caught, silent
        /// corruption of the storage is not.
        case whenFileChanged
    }
}
