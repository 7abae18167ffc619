import XCTest
@testable import OpsLocalModels

/// The places where the decoder must round exactly as llama.cpp's CPU build does for greedy
/// decoding to follow it token for token (see docs/local-models.md).
final class LlamaArithmeticTests: XCTestCase {
    /// Layer 0, head 1 of the query for token 1 of "The three primary colors are", before and
    /// after RoPE, as llama.cpp (llama-cpp-python 0.3.36) computed it. A plain multiply-subtract
    /// rotation differs from it in 10 of these 64 values.
    func testRotaryEmbeddingMatchesLlamaCppBits() {
        let input: [UInt32] = [
            0xbf5b50ed, 0xbe365b60, 0x3ebc834c, 0xbed01082, 0xbf558080, 0x3fc3b326, 0xbe9ce3c2, 0xbf0926a4,
            0x3f32d37d, 0x3ebdb616, 0xbfc21463, 0xbe7845f6, 0x3f7b024c, 0xbee94ee3, 0x3ff76bc4, 0xbdb34b80,
            0x3f0cdfb5, 0xbef9bb30, 0x3f2bba27, 0x3f5ae3f6, 0x3e138af8, 0xbfaa566b, 0xbf7f6c13, 0x3f9af38c,
            0x3e68b864, 0xbe2498c0, 0xbf294348, 0xbf8adad6, 0x3efd68f6, 0x3e3a4764, 0x3f027be2, 0x3ec97c24,
            0x3d66b540, 0xbf98d6af, 0xbdd4908c, 0xbe9de803, 0xbfa9a7b7, 0x3fd09c64, 0xbe8e47a0, 0xbf3fcaf1,
            0x3dc50680, 0x3cf3d780, 0xc004d0ec, 0x3ef1d8b6, 0xc08a3c14, 0x3ea2a670, 0x3f69cf73, 0x3d176758,
            0x3d831164, 0xbf37d650, 0x3f581ccd, 0x3e067b26, 0x3c973b30, 0xbd859f3e, 0x3f2748fd, 0x3efdcd28,
            0x3f6f13bb, 0x3e786c9e, 0xbf0f2544, 0xbef3d912, 0xbf23762f, 0xbf22cc00, 0x3f29b2de, 0xbeba12e7,
        ]
        let expected: [UInt32] = [
            0xbea0451c, 0xbf512e1c, 0x3f0b11cb, 0xbd992fc7, 0xbfb9eb4d, 0x3f75fe71, 0xbde1f3c7, 0xbf1b7478,
            0x3f1789bb, 0x3f063608, 0xbfba50f0, 0xbefa5262, 0x3f83639f, 0xbeade932, 0x3ff78524, 0x3d8bf409,
            0x3f13ab4f, 0xbee9803f, 0x3f2301ea, 0x3f617589, 0x3e38cca0, 0xbfa9c4cc, 0xbf82a60d, 0x3f987b93,
            0x3e6ae4fa, 0xbe217a90, 0xbf26abd7, 0xbf8ba2e9, 0x3efcccc2, 0x3e3d90ec, 0x3f0206ac, 0x3ecaaa5b,
            0x3d762c49, 0xbf98d0a7, 0xbdd32b98, 0xbe9e05ef, 0xbfa9f9e7, 0x3fd05972, 0xbe8dde14, 0xbf3fde7c,
            0x3dc4fac8, 0x3cf46ec6, 0xc004d4f8, 0x3ef14a5d, 0xc08a3d07, 0x3ea1d7ab, 0x3f69ced4, 0x3d185b63,
            0x3d835458, 0xbf37d591, 0x3f581bbc, 0x3e06969c, 0x3c974709, 0xbd859e67, 0x3f274706, 0x3efdd255,
            0x3f6f130f, 0x3e7876f1, 0xbf0f2459, 0xbef3db3a, 0xbf237554, 0xbf22ccdc, 0x3f29b335, 0xbeba11a8,
        ]
        var values = input.map { Float(bitPattern: $0) }
        values.withUnsafeMutableBufferPointer {
            RotaryEmbedding(dimensions: 64, base: 100_000).apply($0.baseAddress!, heads: 1, position: 1)
        }
        XCTAssertEqual(values.map(\.bitPattern), expected)
    }

    /// The two kernels llama.cpp uses for f16 attention products add the same terms in different
    /// orders; these inputs tell the orders apart.
    func testAttentionSummationOrders() {
        // Lanes 0 and 8 meet first, so 1 + 1 is added to 2^24 in one step (a running sum would
        // lose each 1 to rounding).
        var lanes = SIMD16<Float>()
        lanes[0] = 16_777_216; lanes[1] = 1; lanes[9] = 1
        XCTAssertEqual(AttentionSummationOrder.pairwiseSum(lanes), 16_777_218)

        // Terms 0, 16, 32, 48 share lane 0: tinyBLAS adds them in sequence, ggml_vec_dot_f16
        // keeps them in separate accumulators folded as (0 + 32) + (16 + 48).
        var x = [Float](repeating: 0, count: 64), ones = [Float](repeating: 1, count: 64)
        x[0] = 16_777_216; x[16] = 1; x[32] = -16_777_216; x[48] = 1
        XCTAssertEqual(AttentionSummationOrder.batched.dot(x, ones, 64), 1)
        XCTAssertEqual(AttentionSummationOrder.single.dot(x, ones, 64), 2)

        // Accumulator rows fold the same way the dot products do.
        for (order, expected) in [(AttentionSummationOrder.batched, Float(1)), (.single, 2)] {
            var slots = [Float](repeating: 0, count: order.slotCount)
            for (i, term) in x.enumerated() { slots[i % order.slotCount] += term }
            slots.withUnsafeMutableBufferPointer { order.reduceSlots($0.baseAddress!, width: 1) }
            XCTAssertEqual(slots[0], expected, "\(order)")
        }
    }

    /// The vectorized kernels (C, AVX2/FMA/F16C when available) give the portable Swift
    /// definitions' results bit for bit.
    func testKernelsMatchTheirSwiftDefinitions() {
        let values = (0..<200_001).map { Float($0 - 100_000) / 1000 }
        var gate = values, up = values.reversed().map { $0 / 7 }
        VectorOps.swiglu(&gate, up, gate.count)
        let silu = zip(values, up).map { GGMLExp.silu($0) * $1 }
        XCTAssertEqual(gate.map(\.bitPattern), silu.map(\.bitPattern))

        var row = Array(values.prefix(1_000).map { $0 / 3 })
        let maxValue = row.max()!
        let exps = row.map { GGMLExp.exp($0 - maxValue) }
        var sum: Double = 0
        for start in stride(from: 0, to: exps.count, by: 16) {
            var chunk = SIMD16<Float>()
            for lane in 0..<min(16, exps.count - start) { chunk[lane] = exps[start + lane] }
            sum += Double(AttentionSummationOrder.pairwiseSum(chunk))
        }
        let inv = Float(1 / sum)
        AttentionSummationOrder.softmax(&row, row.count)
        XCTAssertEqual(row.map(\.bitPattern), exps.map { ($0 * inv).bitPattern })

        // Attention over 300 positions of a 192-wide cache row (head 1 of 3), f16 values.
        var generator = SystemRandomNumberGenerator()
        let d = 64, stride = 192, count = 300
        let cache = (0..<(count * stride)).map { _ in Float(Float16(Float.random(in: -4...4, using: &generator))) }
        let query = (0..<d).map { _ in Float(Float16(Float.random(in: -4...4, using: &generator))) }
        let weights = (0..<count).map { $0 % 7 == 0 ? 0 : Float(Float16(Float.random(in: 0...0.1, using: &generator))) }
        for order in [AttentionSummationOrder.batched, .single] {
            var scores = [Float](repeating: 0, count: count)
            cache.withUnsafeBufferPointer { c in
                order.scores(keys: c.baseAddress! + d, stride: stride, query: query, width: d, count: count, scale: 0.125,
                             into: &scores)
                XCTAssertEqual(scores.map(\.bitPattern),
                               (0..<count).map { (order.dot(c.baseAddress! + $0 * stride + d, query, d) * 0.125).bitPattern })
                var slots = [Float](repeating: 0, count: order.slotCount * d)
                order.accumulate(values: c.baseAddress! + d, stride: stride, weights: weights, width: d, count: count, into: &slots)
                var expected = [Float](repeating: 0, count: order.slotCount * d)
                for j in 0..<count where weights[j] != 0 {
                    for i in 0..<d { expected[(j % order.slotCount) * d + i] += weights[j] * c[j * stride + d + i] }
                }
                XCTAssertEqual(slots.map(\.bitPattern), expected.map(\.bitPattern), "\(order)")
            }
        }

        // Past the f16 range, and down into its subnormals.
        var halves = values.map { $0 * 70 } + values.map { $0 * 1e-6 }
        let expected = halves.map { Float(Float16($0)).bitPattern }
        halves.withUnsafeMutableBufferPointer { HalfRounding.round($0.baseAddress!, into: $0.baseAddress!, count: $0.count) }
        XCTAssertEqual(halves.map(\.bitPattern), expected)
    }
}
