import Foundation
import OpsCore
import OpsTelemetry

/// A small trace, told apart by its model name.
func sampleTrace(_ i: Int) -> Trace { Trace(project: "p", name: "chat.completions", model: "m\(i)", createdAt: Date()) }

extension TraceRecorder {
    /// Records `count` sample traces at once, each from a task of its own; what each `record` returned.
    func recordConcurrently(_ count: Int) async -> [Bool] {
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<count { group.addTask { await self.record(sampleTrace(i)) } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
    }
}
