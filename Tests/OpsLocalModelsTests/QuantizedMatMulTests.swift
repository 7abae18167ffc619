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

    /// Every kernel level (portable C, AVX2, AVX-512 VNNI, as far as this processor has them)
    /// gives the Swift definitions' bits (ggml's AVX2 order), for a token, a few tokens and a
    /// prompt chunk, over a row count that is not a multiple of the kernels' four-row groups.
    func testEveryKernelLevelGivesTheSameBits() throws {
        let gguf = try TestSupport.smolLMFile()
        let levels = [KernelLevel.portable, .avx2, .avx512VNNI].filter { $0 <= KernelLevel.current }
        defer { KernelLevel.cap(.avx512VNNI) }
        for name in ["blk.0.attn_q.weight", "blk.3.ffn_down.weight", "token_embd.weight"] {
            let w = try gguf.tensor(name)
            let sub = Tensor(name: w.name, type: w.type, shape: [203, w.columns], data: w.data, owner: w.owner)
            for tokens in [1, 3, 6] {
                var generator = SplitMix64(seed: UInt64(tokens))
                let x = (0..<(tokens * w.columns)).map { i in Float(generator.nextUnit() * 4 - 2) * (i % 97 == 0 ? 20 : 1) }
                let halves = HalfTable.values
                var expected: [UInt32] = []
                let reference = Q8Activations(width: w.columns, capacity: tokens)
                KernelLevel.cap(.portable)
                x.withUnsafeBufferPointer { reference.quantize($0.baseAddress!, rows: tokens) }
                for t in 0..<tokens {
                    for j in 0..<sub.rows {
                        let row = w.data + j * w.rowBytes
                        let value = w.type == .q4_1 ? QuantizedMatMul.dotQ4_1(row, reference, t, halves)
                                                    : QuantizedMatMul.dotQ8_0(row, reference, t, halves)
                        expected.append(value.bitPattern)
                    }
                }
                for level in levels {
                    XCTAssertEqual(KernelLevel.cap(level), level)
                    let acts = Q8Activations(width: w.columns, capacity: tokens)
                    x.withUnsafeBufferPointer { acts.quantize($0.baseAddress!, rows: tokens) }
                    var y = [Float](repeating: 0, count: tokens * sub.rows)
                    y.withUnsafeMutableBufferPointer { QuantizedMatMul.multiply(sub, acts, into: $0.baseAddress!) }
                    XCTAssertEqual(y.map(\.bitPattern), expected, "\(name), \(tokens) tokens, level \(level)")
                }
            }
        }
    }
}
