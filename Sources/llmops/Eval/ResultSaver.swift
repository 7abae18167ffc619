import Foundation
import OpsCore

/// Stores item results on the server in small batches without holding up the run: a batch leaves
/// when 25 results are waiting or a quarter second has passed since the last one left, and
/// `drain()` sends whatever is left. A run interrupted with Ctrl-C drains first, so every finished
/// item is stored; only a killed process loses its last, unsent batch (those items run again on resume).
actor ResultSaver {
    private let client: LLMOpsClient
    private let runID: String
    private var pending: [ExperimentItemRecord] = []
    private var inFlight: [Task<Void, Never>] = []
    private var lastSent = ContinuousClock.now
    private(set) var failure: (any Error)?
    private(set) var saved = 0

    static let batchSize = 25
    static let maxDelay = Duration.milliseconds(250)

    init(client: LLMOpsClient, runID: String) {
        self.client = client
        self.runID = runID
    }

    func add(_ record: ExperimentItemRecord) {
        pending.append(record)
        if pending.count >= Self.batchSize || lastSent.duration(to: .now) >= Self.maxDelay { sendPending() }
    }

    /// Sends what is waiting and waits for every batch to be stored.
    func drain() async {
        sendPending()
        let tasks = inFlight
        inFlight.removeAll()
        for task in tasks { await task.value }
    }

    private func sendPending() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll()
        lastSent = .now
        let client = self.client, path = "/api/experiments/\(runID)/items"
        inFlight.removeAll { $0.isCancelled }
        inFlight.append(Task {
            do {
                _ = try await client.json(.POST, path, body: ["items": .array(batch.map(\.json))])
                self.record(saved: batch.count)
            } catch {
                self.record(failure: error)
            }
        })
    }

    private func record(saved count: Int) { saved += count }
    private func record(failure error: any Error) { if failure == nil { failure = error } }
}
