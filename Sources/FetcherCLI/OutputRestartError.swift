/// The fetch had to start over from byte 0 after bytes had gone to a pipe or a terminal,
/// which cannot take them back.
struct OutputRestartError: Error, CustomStringConvertible {
    /// The bytes already written to standard output.
    var bytesWritten: Int64

    /// The problem and the way around it.
    var description: String {
        "the download had to start over from byte 0 after \(bytesWritten) bytes had been "
            + "written to standard output, which cannot take them back; fetch with -o FILE "
            + "to allow restarts"
    }
}
