import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a callback while a run is in progress (instead of ending the process
/// at once), so the run can stop starting items and store what has finished. `stop()` restores the
/// default handling.
final class InterruptionSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "llmops.eval.signals")
    private var sources: [any DispatchSourceSignal] = []

    init(_ onSignal: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: onSignal)
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
