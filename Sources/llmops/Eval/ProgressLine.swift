import Foundation
import OpsEval

/// The progress of a run on stderr: one line rewritten in place on a terminal, a line per 10% otherwise
/// (so CI logs stay short).
final class ProgressLine {
    private let enabled: Bool
    private let label: String
    private let terminal = isatty(fileno(stderr)) != 0
    private var lastDecile = -1
    private var wrote = false

    init(enabled: Bool, label: String) {
        self.enabled = enabled
        self.label = label
    }

    func show(_ progress: ExperimentProgress) {
        guard enabled else { return }
        let width = 30
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let skipped = progress.skipped > 0 ? ", \(progress.skipped) already done" : ""
        let text = "\(label) [\(bar)] \(progress.completed)/\(progress.total) (\(progress.failed) failed\(skipped))"
        if terminal {
            write("\r" + text)
            wrote = true
        } else {
            let decile = Int(progress.fraction * 10)
            if decile != lastDecile || progress.completed == progress.total {
                lastDecile = decile
                write(text + "\n")
            }
        }
    }

    func finish() {
        if enabled, terminal, wrote { write("\n") }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
