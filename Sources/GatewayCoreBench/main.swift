// `make bench-gateway-core`: routing + exact-cache lookup cost and semantic-cache lookup over 100k entries.
// Prints figures; asserts nothing.
import Foundation
import OpsCore
import OpsGateway

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
struct NoEmbedder: Embedder {
    var modelName: String { "none" }
    var dimensions: Int { 384 }
    func embed(_ texts: [String]) async throws -> EmbeddingBatch { EmbeddingBatch(vectors: [], promptTokens: 0) }
}
func gaussian(_ rng: inout SplitMix) -> Float {
    let u = Double.random(in: 1e-12..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
    return Float((-2 * _math_log(u)).squareRoot() * _math_cos(2 * .pi * v))
}
func _math_log(_ x: Double) -> Double { log(x) }
func _math_cos(_ x: Double) -> Double { cos(x) }

let n = 100_000, dims = 384
var rng = SplitMix(state: 42)
let cache = SemanticCache<Int>(embedder: NoEmbedder(), maxEntriesPerPartition: n)
let partition = SemanticCache<Int>.Partition(project: "p", request: ChatRequest(model: "m", messages: []))
var stored: [[Float]] = []
for i in 0..<n {
    let v = (0..<dims).map { _ in gaussian(&rng) }
    let probe = cache.probe(partition: partition, vector: v)!
    if i % 100 == 0 { stored.append(probe.vector) }
    cache.insert(i, for: probe)
}
var times: [Double] = []
var cpuTimes: [Double] = []
func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
}
var nearHits = 0, nearTotal = 0, randomHits = 0
let clock = ContinuousClock()
for q in 0..<10_000 {
    let vector: [Float]
    let near = q % 2 == 0
    if near {
        let base = stored[(q / 2) % stored.count]
        // A paraphrase-like neighbour at cosine ≈ 0.97.
        vector = base.map { $0 + 0.25 / Float(dims).squareRoot() * gaussian(&rng) }
    } else {
        vector = (0..<dims).map { _ in gaussian(&rng) }
    }
    let probe = cache.probe(partition: partition, vector: vector)!
    let start = clock.now
    let cpuStart = threadCPU()
    let hit = cache.lookup(probe, threshold: 0.95)
    cpuTimes.append(threadCPU() - cpuStart)
    times.append((clock.now - start).seconds * 1000)
    if near { nearTotal += 1; if let hit, hit.value == ((q / 2) % stored.count) * 100 { nearHits += 1 } }
    else if hit != nil { randomHits += 1 }
}
times.sort()
func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
print("semantic lookup over \(n) x \(dims): p50 \(pct(0.5)) ms, p99 \(pct(0.99)) ms, max \(times.last!) ms")
cpuTimes.sort()
print("thread CPU time per lookup: p50 \(cpuTimes[cpuTimes.count / 2]) ms, p99 \(cpuTimes[cpuTimes.count * 99 / 100]) ms")
print("near-duplicate recall \(nearHits)/\(nearTotal), false hits on random queries \(randomHits)")

// Reference: an exact flat scan of the same vectors, no sketch.
var flat: [Float] = []
flat.reserveCapacity(n * dims)
var rng2 = SplitMix(state: 42)
for _ in 0..<n { let v = (0..<dims).map { _ in gaussian(&rng2) }; flat.append(contentsOf: v) }
var flatTimes: [Double] = []
for _ in 0..<50 {
    let q = (0..<dims).map { _ in gaussian(&rng) }
    let start = clock.now
    var best: Float = -1
    flat.withUnsafeBufferPointer { all in
        for i in 0..<n {
            var acc = SIMD16<Float>()
            var j = 0
            let base = i * dims
            while j < dims {
                acc += SIMD16<Float>(all[(base + j)..<(base + j + 16)]) * SIMD16<Float>(q[j..<(j + 16)])
                j += 16
            }
            best = max(best, acc.sum())
        }
    }
    flatTimes.append((clock.now - start).seconds * 1000)
    if best > 1e9 { print(best) }
}
flatTimes.sort()
print("exact flat scan reference: p50 \(flatTimes[25]) ms, p99 \(flatTimes[49]) ms")

// Routing + exact-cache lookup per request, the path a cache hit takes before any I/O.
do {
    let table = RouteTable([RouteConfig(name: "chat", deployments: [.init(model: "primary", weight: 95), .init(model: "canary", weight: 5)],
                                        sticky: .user, fallbacks: ["backup"], cache: .init(exactTTLSeconds: 3600))])
    let breakers = CircuitBreakers(clock: SystemMonotonicClock())
    let planner = RoutePlanner(isUnavailable: { breakers.isRejecting($0) })
    let exact = ExactCache<CachedAnswer>(clock: SystemMonotonicClock())
    let messages: [ChatMessage] = [.system(String(repeating: "You are a helpful assistant. ", count: 20)),
                                   .user(String(repeating: "Please summarise the following paragraph. ", count: 10))]
    var requests: [ChatRequest] = []
    for i in 0..<1_000 {
        var r = ChatRequest(model: "chat", messages: messages, temperature: 0, maxTokens: 256, user: "user-\(i)")
        r.messages.append(.user("question \(i)"))
        requests.append(r)
        exact.insert(CachedAnswer(ChatResponse(id: "r\(i)", created: 0, model: "m", choices: [])), for: ExactCacheKey(project: "p", request: r),
                     bytes: 1_000, ttl: .seconds(3600))
    }
    var rng3 = SplitMix(state: 9)
    var perRequest: [Double] = []
    var hits = 0
    for round in 0..<20_000 {
        let request = requests[round % requests.count]
        let start = clock.now
        let route = table.route(named: request.model)!
        let plan = planner.plan(route, user: request.user, using: &rng3)
        if exact.value(for: ExactCacheKey(project: "p", request: request)) != nil, !plan.isEmpty { hits += 1 }
        perRequest.append((clock.now - start).seconds * 1_000_000)
    }
    perRequest.sort()
    print("routing + exact-cache lookup (\(messages.count + 1) messages, ~\(messages.map(\.text.utf8.count).reduce(0, +)) bytes): "
          + "p50 \(perRequest[perRequest.count / 2]) µs, p99 \(perRequest[perRequest.count * 99 / 100]) µs, hits \(hits)")
}

// A limited key's two limit transactions per call (admission: budget check + rate charge; settlement:
// token correction + cost) on the write-behind store the SQLite gateway keeps its limits in: by key,
// and on prepared keys as the gateway does; each with warm caches and with 32 MB touched between
// calls, as a request finds its caches after the rest of the gateway ran (the server's profile
// matched the second). Nonisolated, as the request path is: from the main actor every await
// would hop executors.
func benchLimits(prepared usePrepared: Bool, evictBytes: Int, calls: Int) async throws -> (p50: Double, p99: Double) {
    let clock = ContinuousClock()
    let store = WriteBehindLimitStore(backing: InMemoryLimitStore())
    let rates = RateLimiter(store: store, clock: SystemClock())
    let rateRules = [RateLimiter.Rule(scope: .key("key_bench"), requestsPerMinute: 1_000_000_000, tokensPerMinute: 1_000_000_000_000)]
    let budgetRules = [BudgetTracker.Rule(scope: .key("key_bench"), dailyUSD: 1_000_000)]
    let keys = BudgetTracker.keys(budgetRules, now: .distantPast) + RateLimiter.keys(rateRules)
    let prepared = store.prepare(keys)
    func transact(_ body: (inout LimitStates) -> Void) async throws {
        if usePrepared {
            if !store.transactInMemory(prepared, body) { try await store.transact(prepared, body) }
        } else {
            try await store.transactSoon(keys, body)
        }
    }
    var perCall: [Double] = []
    var refused = 0
    var scratch = [UInt8](repeating: 1, count: max(evictBytes, 1))
    for round in 0..<calls {
        for i in stride(from: 0, to: evictBytes, by: 64) { scratch[i] &+= 1 }
        let start = clock.now
        let now = Date()
        var admitted = false
        try await transact { states in
            guard BudgetTracker.check(budgetRules, in: states, now: now) == nil else { return }
            admitted = rates.acquire(rateRules, tokens: 24, in: &states, now: now).allowed
        }
        try await transact { states in
            rates.adjustTokens(rateRules, delta: 3, in: &states, now: now)
            _ = BudgetTracker.record(costUSD: 0.000_012, budgetRules, in: &states, now: now)
        }
        if round >= calls / 50 { perCall.append((clock.now - start).seconds * 1_000_000) }
        if !admitted { refused += 1 }
    }
    precondition(refused == 0 && scratch.count > 0)
    perCall.sort()
    return (perCall[perCall.count / 2], perCall[perCall.count * 99 / 100])
}
for usePrepared in [false, true] {
    let warm = try await benchLimits(prepared: usePrepared, evictBytes: 0, calls: 50_000)
    let cold = try await benchLimits(prepared: usePrepared, evictBytes: 32 << 20, calls: 2_000)
    print("limits of a key with rpm, tpm and a daily budget, admit + settle, \(usePrepared ? "prepared keys" : "by key"): "
          + "warm p50 \(warm.p50) µs p99 \(warm.p99) µs; caches evicted p50 \(cold.p50) µs p99 \(cold.p99) µs")
}
