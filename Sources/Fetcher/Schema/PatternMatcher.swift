import Foundation
import Synchronization

/// Runs the regular expressions of string schemas, compiling each pattern once.
enum PatternMatcher {
    /// The longest string, in bytes of UTF-8, that is run through a pattern (64 KiB).
    ///
    /// Longer strings are refused without running the pattern, so huge inputs stay fast. The
    /// limit is also where ICU stays reliable: its backtracking stack is bounded, and when a
    /// repeated group overflows it (`^(a|b)*$` does from about 200 000 characters)
    /// `NSRegularExpression` reports no match instead of an error.
    static let maximumInputLength = 64 * 1024

    /// How many compiled patterns are kept; schemas are few, so this is rarely reached.
    private static let cacheCapacity = 256

    /// Compiled patterns by their text; `nil` for a pattern that does not compile.
    private static let cache = Mutex<[String: NSRegularExpression?]>([:])

    /// Whether `pattern` finds a match anywhere in `text`, or `nil` if `pattern` is not a
    /// valid regular expression.
    static func pattern(_ pattern: String, matches text: String) -> Bool? {
        guard let expression = compiled(pattern) else {
            return nil
        }
        let range = NSRange(location: 0, length: text.utf16.count)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let cached = cache.withLock({ $0[pattern] }) {
            return cached
        }
        let expression = try? NSRegularExpression(pattern: pattern, options: [])
        cache.withLock { entries in
            if entries.count >= cacheCapacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[pattern] = .some(expression)
        }
        return expression
    }
}
