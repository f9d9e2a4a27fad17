/// Sizes, rates and durations as the progress bar writes them.
enum ProgressText {
    private static let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]

    /// A byte count in binary units: `512 B`, `1.5 KiB`, `12.3 MiB`.
    static func size(_ bytes: Double) -> String {
        guard bytes >= 1024 else {
            return "\(Int(max(0, bytes))) B"
        }
        var value = bytes / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(oneDecimal(value)) \(units[unit])"
    }

    /// A duration as `m:ss`, or `h:mm:ss` from an hour on; `--:--` when unknown or too long.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 100 * 3600 else {
            return "--:--"
        }
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let paddedSeconds = rest < 10 ? "0\(rest)" : "\(rest)"
        guard hours > 0 else {
            return "\(minutes):\(paddedSeconds)"
        }
        return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(paddedSeconds)"
    }

    /// `value` rounded to one decimal: `12.3`.
    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
