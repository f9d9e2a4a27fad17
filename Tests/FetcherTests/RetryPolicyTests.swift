import Fetcher
import Testing

struct RetryPolicyTests {
    @Test func delaysDoubleFromTheBaseWithinTheJitter() {
        let policy = RetryPolicy()
        #expect(policy.retryDelay(attempt: 1, random: 0) == .milliseconds(200))
        #expect(policy.retryDelay(attempt: 2, random: 0) == .milliseconds(400))
        #expect(policy.retryDelay(attempt: 4, random: 0) == .milliseconds(1600))
        #expect(policy.retryDelay(attempt: 1, random: 1) == .milliseconds(250))
        #expect(policy.retryDelay(attempt: 1, random: -1) == .milliseconds(150))
    }

    @Test func delaysAreCappedAtTheMaximum() {
        let policy = RetryPolicy()
        #expect(policy.retryDelay(attempt: 10, random: 0) == .seconds(60))
        #expect(policy.retryDelay(attempt: 1000, random: 1) == .seconds(60))
    }

    @Test func randomDelaysStayWithinTwentyFivePercent() {
        let policy = RetryPolicy()
        for _ in 0..<200 {
            let delay = policy.retryDelay(attempt: 3)
            #expect(delay >= .milliseconds(600) && delay <= .milliseconds(1000))
        }
    }

    @Test func defaultsAreEightRetries() {
        #expect(RetryPolicy().maximumRetries == 8)
        #expect(RetryPolicy(maximumRetries: -3).maximumRetries == 0)
    }
}
