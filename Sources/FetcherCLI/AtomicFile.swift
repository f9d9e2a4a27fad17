import Fetcher

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written under a temporary name beside its destination and renamed over it only once
/// complete, so that the destination is never partial: it is either untouched or whole.
///
/// The temporary file is `.<name>.fetcher-<pid>-<random>.part` in the destination's folder,
/// created with the mode of the file it replaces (or 0666 less the umask). ``commit()``
/// flushes it to disk before renaming it, unless made without `synchronizing`;
/// ``discard()`` (or release without a commit) removes it. Creating one first removes the
/// temporary files of dead processes left beside the same destination.
final class AtomicFile {
    /// The file to replace.
    let destination: String

    /// The temporary file being written.
    let temporaryPath: String

    /// The temporary file as a fetch target: when synchronizing, flushed to disk in the
    /// background as it grows.
    let target: any WriteResetter

    /// The temporary file.
    private let file: FileResetter

    /// The target that flushes the file, when synchronizing.
    private let durable: DurableFileTarget?

    private var isOpen = true

    /// Creates the temporary file for `destination`.
    ///
    /// - Parameters:
    ///   - destination: The file to write, which need not exist.
    ///   - synchronizing: Whether the file reaches the disk before it is renamed into place.
    /// - Throws: ``OutputFileError`` when `destination` is a folder or its temporary file
    ///   cannot be created.
    init(replacing destination: String, synchronizing: Bool = true) throws {
        let location = TemporaryName.Location(destination: destination)
        var status = stat()
        let exists = stat(destination, &status) == 0
        if destination.hasSuffix("/") || location.name == "." || location.name == ".."
            || (exists && (status.st_mode & S_IFMT) == S_IFDIR)
        {
            throw OutputFileError(action: "write to", path: destination, code: EISDIR)
        }
        TemporaryName.removeStaleFiles(beside: location)
        let mode = exists ? status.st_mode & 0o7777 : 0o666
        var attempt = 0
        while true {
            let path = TemporaryName.path(for: location)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 {
                if exists {
                    // Keep the replaced file's mode exactly, whatever the umask.
                    fchmod(descriptor, mode)
                }
                self.destination = destination
                self.temporaryPath = path
                let file = FileResetter(fileDescriptor: descriptor)
                let durable = synchronizing ? DurableFileTarget(file) : nil
                self.file = file
                self.durable = durable
                self.target = durable ?? file
                TemporaryFiles.shared.register(path)
                return
            }
            attempt += 1
            guard errno == EEXIST, attempt < 8 else {
                throw OutputFileError(
                    action: "create a temporary file beside", path: destination, code: errno)
            }
        }
    }

    deinit {
        discard()
    }

    /// Flushes the temporary file to disk (when synchronizing) and renames it over the
    /// destination.
    ///
    /// - Throws: ``OutputFileError`` when the flush or the rename fails; the temporary file
    ///   is then removed and the destination left as it was.
    func commit() throws {
        guard isOpen else { return }
        do {
            try durable?.synchronize()
        } catch {
            let code = (error as? SystemCallError)?.code ?? EIO
            discard()
            throw OutputFileError(action: "write", path: destination, code: code)
        }
        guard rename(temporaryPath, destination) == 0 else {
            let code = errno
            discard()
            throw OutputFileError(action: "replace", path: destination, code: code)
        }
        isOpen = false
        close(file.fileDescriptor)
        TemporaryFiles.shared.unregister(temporaryPath)
        if durable != nil {
            syncFolder()
        }
    }

    /// Removes the temporary file; the destination is left as it was.
    func discard() {
        guard isOpen else { return }
        isOpen = false
        close(file.fileDescriptor)
        unlink(temporaryPath)
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    /// Flushes the rename to disk, best effort: the blob itself is already safe.
    private func syncFolder() {
        let folder = TemporaryName.Location(destination: destination).folder
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
