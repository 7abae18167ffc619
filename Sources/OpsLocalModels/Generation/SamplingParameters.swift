/// How the next token is chosen, with OpenAI's defaults (temperature 1, top-p 1).
public struct SamplingParameters: Sendable, Equatable {
    /// 0 means greedy (always the most likely token).
    public var temperature: Double
    public var topP: Double
    /// 0 means no top-k cut.
    public var topK: Int
    /// Fixes the random sequence; nil draws a fresh seed.
    public var seed: UInt64?

    public init(temperature: Double = 1, topP: Double = 1, topK: Int = 0, seed: UInt64? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.seed = seed
    }

    public static let greedy = SamplingParameters(temperature: 0)

    /// Rejects values outside OpenAI's documented ranges.
    public func validate() throws {
        guard temperature.isFinite, (0...2).contains(temperature) else {
            throw LocalModelError.invalidRequest("temperature must be between 0 and 2, got \(temperature)")
        }
        guard topP.isFinite, topP > 0, topP <= 1 else {
            throw LocalModelError.invalidRequest("top_p must be in (0, 1], got \(topP)")
        }
        guard topK >= 0 else { throw LocalModelError.invalidRequest("top_k must be non-negative, got \(topK)") }
    }
}
