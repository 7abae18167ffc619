import Foundation
import OpsCore

/// Picks tokens from logits: greedy, or temperature + top-k + top-p with a seedable generator.
struct Sampler {
    let parameters: SamplingParameters
    private var generator: SplitMix64

    init(_ parameters: SamplingParameters) {
        self.parameters = parameters
        var system = SystemRandomNumberGenerator()
        generator = SplitMix64(seed: parameters.seed ?? system.next())
    }

    mutating func sample(_ logits: UnsafeBufferPointer<Float>) -> Int {
        if parameters.temperature == 0 || parameters.topK == 1 { return Self.argmax(logits) }
        let invTemperature = Float(1 / parameters.temperature)
        let best = logits[Self.argmax(logits)] * invTemperature
        // Tokens 30 nats below the best have probability < 1e-13: not worth sorting.
        var candidates: [(id: Int, logit: Float)] = []
        for i in logits.indices {
            let scaled = logits[i] * invTemperature
            if scaled > best - 30 { candidates.append((i, scaled)) }
        }
        candidates.sort { $0.logit > $1.logit }
        if parameters.topK > 0 && parameters.topK < candidates.count {
            candidates.removeSubrange(parameters.topK...)
        }
        let maxLogit = candidates[0].logit
        var probabilities = candidates.map { Double(expf($0.logit - maxLogit)) }
        let total = probabilities.reduce(0, +)
        var kept = probabilities.count
        if parameters.topP < 1 {
            var cumulative = 0.0
            for (i, p) in probabilities.enumerated() {
                cumulative += p / total
                if cumulative >= parameters.topP { kept = i + 1; break }
            }
            probabilities.removeSubrange(kept...)
        }
        let keptTotal = probabilities.reduce(0, +)
        var r = generator.nextUnit() * keptTotal
        for (i, p) in probabilities.enumerated() {
            r -= p
            if r < 0 { return candidates[i].id }
        }
        return candidates[kept - 1].id
    }

    /// Index of the largest logit; the first one on ties, as llama.cpp's greedy sampler.
    static func argmax(_ logits: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        var bestValue = -Float.infinity
        for i in logits.indices where logits[i] > bestValue {
            best = i
            bestValue = logits[i]
        }
        return best
    }
}
