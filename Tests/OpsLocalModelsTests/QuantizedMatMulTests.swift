import OpsCore
import XCTest
@testable import OpsLocalModels

/// The quantized products against a float computation on the real SmolLM2 weights.
final class QuantizedMatMulTests: XCTestCase {
    /// Dequantized weights · dequantized activations must equal the integer-dot kernel up to
    /// float rounding, for both Q4_1 (attention) and Q8_0 (embeddings) matrices.
    func testKernelsMatchDequantizedFloatProducts() throws {
        let gguf = try TestSupport.smolLMFile()
        for name in ["blk.0.attn_q.weight", "blk.3.ffn_down.weight", "token_embd.weight"] {
            let w = try gguf.tensor(name)
            let k = w.columns, tokens = 3
            var generator = SplitMix64(seed: 42)
            var x = [Float](repeating: 0, count: tokens * k)
            for i in x.indices { x[i] = Float(generator.nextUnit() * 4 - 2) }
            let acts = Q8Activations(width: k, capacity: tokens)
            x.withUnsafeBufferPointer { acts.quantize($0.baseAddress!, rows: tokens) }
            let rows = min(w.rows, 256)
            let sub = Tensor(name: w.name, type: w.type, shape: [rows, k], data: w.data, owner: w.owner)
            var y = [Float](repeating: 0, count: tokens * rows)
            y.withUnsafeMutableBufferPointer { QuantizedMatMul.multiply(sub, acts, into: $0.baseAddress!) }
            var row = [Float](repeating: 0, count: k)
            for j in 0..<rows {
                row.withUnsafeMutableBufferPointer { QuantizedMatMul.dequantizeRow(w, j, into: $0.baseAddress!) }
                for t in 0..<tokens {
                    var expected: Double = 0
                    for b in 0..<(k / 32) {
                        let dx = Double(acts.scales[t * (k / 32) + b])
                        var sumQ = 0.0
                        for i in (b * 32)..<(b * 32 + 32) {
                            let q = Double(acts.quants[t * k + i])
                            expected += Double(row[i]) * q * dx
                            sumQ += q
                        }
                        if w.type == .q4_1 {
                            // ggml takes the minimum term from the f16-rounded block sum s, not Σq·d.
                            let m = Double(QuantizedMatMul.half(w.data + j * w.rowBytes + b * 20, 2))
                            expected += m * (Double(acts.sums[t * (k / 32) + b]) - dx * sumQ)
                        }
                    }
                    let got = Double(y[t * rows + j])
                    XCTAssertEqual(got, expected, accuracy: 1e-4 * max(1, abs(expected)), "\(name) row \(j) token \(t)")
                }
            }
        }
    }
}
