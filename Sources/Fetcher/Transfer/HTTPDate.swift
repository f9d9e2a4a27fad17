import Foundation

/// Dates in HTTP headers (`Retry-After`, `Last-Modified`).
enum HTTPDate {
    /// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, or the two obsolete forms).
    ///
    /// - Returns: Seconds since 1970, or `nil` when `text` is not an HTTP date.
    static func secondsSince1970(parsing text: String) -> Double? {
        let formats = [
            "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz",
            "EEE MMM d HH:mm:ss yyyy",
        ]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date.timeIntervalSince1970
            }
        }
        return nil
    }
}
