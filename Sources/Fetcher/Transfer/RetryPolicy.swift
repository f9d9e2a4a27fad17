/// How often and how patiently a transfer is tried again after a transient failure.
///
/// The delay before retry `n` (1-based) is
/// `min(maximumDelay, baseDelay × 2^(n−1) × (1 + jitter × r))` with `r` uniform in −1...1;
/// with the defaults that is 200 ms, 400 ms, 800 ms, … ±25 %, never more than 60 s.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first try; the defaults allow 9 requests in all.
    public var maximumRetries: Int

    /// The delay before the first retry, before jitter.
    public var baseDelay: Duration

    /// No delay is longer than this, whatever the retry number, jitter or `Retry-After`.
    public var maximumDelay: Duration

    /// The relative randomisation of each delay, from 0 (none) to 1.
    public var jitter: Double

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maximumRetries: Retries after the first try (8 by default).
    ///   - baseDelay: The delay before the first retry (200 ms by default).
    ///   - maximumDelay: The longest delay (60 s by default).
    ///   - jitter: The relative randomisation of each delay (0.25 by default).
    public init(
        maximumRetries: Int = 8,
        baseDelay: Duration = .milliseconds(200),
        maximumDelay: Duration = .seconds(60),
        jitter: Double = 0.25
    ) {
        self.maximumRetries = max(0, maximumRetries)
        self.baseDelay = max(.zero, baseDelay)
        self.maximumDelay = max(.zero, maximumDelay)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before retry `attempt`.
    ///
    /// - Parameters:
    ///   - attempt: The retry number, 1 for the first retry.
    ///   - random: A value in −1...1 that picks the jitter; random by default.
    /// - Returns: `baseDelay × 2^(attempt−1) × (1 + jitter × random)`, at most `maximumDelay`.
    public func retryDelay(attempt: Int, random: Double = .random(in: -1...1)) -> Duration {
        let exponent = Double(min(max(attempt, 1) - 1, 62))
        let factor = Double(sign: .plus, exponent: Int(exponent), significand: 1)
        let seconds = baseDelay.seconds * factor * (1 + jitter * min(1, max(-1, random)))
        let capped = min(seconds, maximumDelay.seconds)
        return min(maximumDelay, .nanoseconds(Int64((capped * 1e9).rounded())))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
