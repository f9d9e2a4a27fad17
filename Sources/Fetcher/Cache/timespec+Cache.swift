import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension timespec {
    /// The time as nanoseconds since the epoch (good until the year 2262).
    var nanoseconds: Int64 {
        Int64(tv_sec) &* 1_000_000_000 &+ Int64(tv_nsec)
    }

    /// The time as a `Date`.
    var date: Date {
        Date(timeIntervalSince1970: Double(tv_sec) + Double(tv_nsec) / 1e9)
    }
}
