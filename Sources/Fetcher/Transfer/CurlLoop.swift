import CCurl
import Foundation
import Synchronization

/// The thread that drives every libcurl transfer of the process through one multi handle.
///
/// libcurl handles are not thread-safe, so every call on the multi handle and its easy handles
/// happens on this thread. Other threads ask it to act through a queue of commands and wake it
/// with `curl_multi_wakeup`.
final class CurlLoop: Sendable {
    enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
        case resume(CurlTransfer)
    }

    /// The loop shared by every transfer of the process.
    static let shared = CurlLoop()

    /// How long a partly filled block may wait for more bytes before it is handed on anyway.
    static let partialBlockDelay: Duration = .milliseconds(2)

    // The multi handle is used only on the loop thread, apart from curl_multi_wakeup, which
    // libcurl documents as callable from any thread.
    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
    private let commands = Mutex<[Command]>([])

    private init() {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed: libcurl could not allocate its multi handle")
        }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = "fetcher.curl"
        thread.start()
    }

    /// Queues `command` for the loop thread and wakes it.
    func submit(_ command: Command) {
        commands.withLock { $0.append(command) }
        curl_multi_wakeup(multi)
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            for command in commands.withLock({ queued in
                defer { queued = [] }
                return queued
            }) {
                perform(command, active: &active)
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished(active: &active)
            let now = ContinuousClock.now
            var waitingPartial = false
            for transfer in active.values {
                waitingPartial =
                    transfer.handOnPartialBlock(olderThan: Self.partialBlockDelay, now: now)
                    || waitingPartial
            }
            curl_multi_poll(multi, nil, 0, waitingPartial ? 2 : 1000, nil)
        }
    }

    private func perform(_ command: Command, active: inout [UnsafeMutableRawPointer: CurlTransfer])
    {
        switch command {
        case .add(let transfer):
            guard let easy = transfer.makeHandle() else { return }
            active[easy] = transfer
            let code = curl_multi_add_handle(multi, easy)
            if code != CURLM_OK {
                active[easy] = nil
                transfer.finish(code: CURLE_FAILED_INIT, removing: multi)
            }
        case .cancel(let transfer):
            guard let easy = transfer.easy, active[easy] != nil else { return }
            active[easy] = nil
            transfer.finish(code: CURLE_ABORTED_BY_CALLBACK, removing: multi, cancelled: true)
        case .resume(let transfer):
            guard let easy = transfer.easy, active[easy] != nil else { return }
            transfer.resumeReceiving()
        }
    }

    private func collectFinished(active: inout [UnsafeMutableRawPointer: CurlTransfer]) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = active.removeValue(forKey: easy)
            else { continue }
            transfer.finish(code: message.pointee.data.result, removing: multi)
        }
    }
}
