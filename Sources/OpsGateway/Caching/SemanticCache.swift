import Foundation
import OpsCore

/// Answers a request with a cached answer to a similar one: the last user message is embedded and
/// compared by cosine similarity within a partition of the same project, model, system prompt and
/// end user (when the request names one), so nothing is ever served across projects or users.
public final class SemanticCache<Value: Sendable>: @unchecked Sendable {
    /// A cached answer and how close its question was.
    public struct Hit: Sendable {
        public var value: Value
        public var similarity: Float
    }

    /// Where an entry may be found.
    public struct Partition: Sendable, Hashable {
        public var project: String
        public var model: String
        public var systemPrompt: StableHasher.Digest
        /// The request's `user`; nil (no user named) is the project's shared partition.
        public var user: String?

        public init(project: String, request: ChatRequest) {
            self.project = project
            model = request.model
            user = request.user.flatMap { $0.isEmpty ? nil : $0 }
            var h = StableHasher()
            for message in request.messages where message.role == "system" || message.role == "developer" {
                h.combine(message.text)
            }
            systemPrompt = h.finalize()
        }
    }

    /// A request's partition and embedded question: computed once, used to look up and, on a
    /// miss, to store the answer.
    public struct Probe: Sendable {
        public var partition: Partition
        public var vector: [Float]
    }

    public let embedder: any Embedder
    public let maxEntriesPerPartition: Int
    private let lock = NSLock()
    private var partitions: [Partition: VectorPartition<Value>] = [:]

    public init(embedder: any Embedder, maxEntriesPerPartition: Int = 100_000) {
        self.embedder = embedder
        self.maxEntriesPerPartition = maxEntriesPerPartition
    }

    /// The text that is embedded: the conversation's last user message.
    public static func question(of request: ChatRequest) -> String? {
        request.messages.last(where: { $0.role == "user" }).map(\.text).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Embeds the request's question; nil when there is none to compare.
    public func probe(project: String, request: ChatRequest) async throws -> Probe? {
        guard let question = Self.question(of: request) else { return nil }
        let batch = try await embedder.embed([question])
        guard let raw = batch.vectors.first else { return nil }
        return probe(partition: Partition(project: project, request: request), vector: raw)
    }

    /// A probe from a vector the caller already has.
    public func probe(partition: Partition, vector: [Float]) -> Probe? {
        VectorMath.normalized(vector).map { Probe(partition: partition, vector: $0) }
    }

    /// The closest cached answer with similarity at least `threshold`.
    public func lookup(_ probe: Probe, threshold: Float) -> Hit? {
        lock.withLock {
            guard let partition = partitions[probe.partition], partition.dimensions == probe.vector.count,
                  let best = partition.nearest(to: probe.vector), best.similarity >= threshold else { return nil }
            return Hit(value: partition.values[best.index], similarity: min(1, best.similarity))
        }
    }

    /// Stores the answer to the probed question.
    public func insert(_ value: Value, for probe: Probe) {
        lock.withLock {
            var partition = partitions.removeValue(forKey: probe.partition)
                ?? VectorPartition(dimensions: probe.vector.count, capacity: maxEntriesPerPartition)
            if partition.dimensions != probe.vector.count {
                partition = VectorPartition(dimensions: probe.vector.count, capacity: maxEntriesPerPartition)
            }
            partition.insert(probe.vector, value: value)
            partitions[probe.partition] = partition
        }
    }

    /// Entries across all partitions.
    public var count: Int { lock.withLock { partitions.values.reduce(0) { $0 + $1.count } } }

    /// Drops every partition that matches (an erased end user's); returns the entries dropped.
    @discardableResult
    public func removePartitions(where matches: (Partition) -> Bool) -> Int {
        lock.withLock {
            let gone = partitions.keys.filter(matches)
            return gone.reduce(0) { $0 + (partitions.removeValue(forKey: $1)?.count ?? 0) }
        }
    }
}
