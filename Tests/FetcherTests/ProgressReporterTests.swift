import Fetcher
import Synchronization
import Testing

struct ProgressReporterTests {
    final class Recorder: Sendable {
        let reports = Mutex<[Double]>([])
        var fractions: [Double] { reports.withLock { $0 } }
        func reporter(interval: Duration) -> ProgressReporter {
            ProgressReporter(description: "blob", interval: interval) { description, fraction in
                #expect(description == "blob")
                self.reports.withLock { $0.append(fraction) }
            }
        }
    }

    @Test func reportsAreThrottledByTheInterval() {
        let recorder = Recorder()
        let reporter = recorder.reporter(interval: .seconds(3600))
        reporter.start()
        for completed in stride(from: 1, through: 99, by: 1) {
            reporter.update(completed: Int64(completed), total: 100)
        }
        reporter.finish()
        #expect(recorder.fractions == [0, 1])
    }

    @Test func reportsNeverGoBackwardsNorFollowTheEnd() {
        let recorder = Recorder()
        let reporter = recorder.reporter(interval: .zero)
        reporter.start()
        reporter.update(completed: 50, total: 100)
        reporter.update(completed: 20, total: 100)
        reporter.update(completed: 70, total: 100)
        reporter.finish()
        reporter.update(completed: 80, total: 100)
        reporter.finish()
        #expect(recorder.fractions == [0, 0.5, 0.7, 1])
    }

    @Test func unknownTotalsReportOnlyTheEnds() {
        let recorder = Recorder()
        let reporter = recorder.reporter(interval: .zero)
        reporter.start()
        reporter.update(completed: 50, total: nil)
        reporter.finish()
        #expect(recorder.fractions == [0, 1])
    }

    @Test func aClosedReporterSaysNothingMore() {
        let recorder = Recorder()
        let reporter = recorder.reporter(interval: .zero)
        reporter.start()
        reporter.close()
        reporter.update(completed: 50, total: 100)
        reporter.finish()
        #expect(recorder.fractions == [0])
    }
}
