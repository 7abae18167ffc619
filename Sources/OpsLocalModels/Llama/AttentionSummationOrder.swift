#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// The order in which llama.cpp's CPU backend adds up the terms of its f16 attention products
/// (K·Q, softmax·V) and the softmax denominator. Every term is a product of two f16 values,
/// exact in `Float`, so only the order of the additions decides the last bits — and over long
/// contexts those bits decide close greedy picks.
///
/// Without flash attention (how the fixtures were made) ggml multiplies K by Q and V by the
/// softmax with `mul_mat`, which takes one of two kernels depending on the batch:
/// - `batched` (a ubatch of two or more tokens, i.e. a prompt): llamafile's tinyBLAS, built for
///   AVX-512 — one 16-lane accumulator per output, term `i` in lane `i % 16`, lanes added
///   pairwise at the end (`_mm512_reduce_add_ps`).
/// - `single` (one token, i.e. generation): `ggml_vec_dot_f16` — four 16-lane accumulators
///   stepping 64 terms at a time (term `i` in slot `i % 64`), folded as (0+2)+(1+3), then the
///   lanes pairwise; terms past the last multiple of 64 are added one by one in double.
/// The softmax sums its exponentials 16 at a time (lanes pairwise) into a double.
enum AttentionSummationOrder {
    case batched
    case single

    /// Accumulator slots a long sum is spread over: term `i` goes to slot `i % slotCount`.
    var slotCount: Int { self == .batched ? 16 : 64 }

    /// llama.cpp's order for a ubatch of `tokens` tokens.
    init(batchTokens tokens: Int) { self = tokens > 1 ? .batched : .single }

    /// Adds 16 lanes as `_mm512_reduce_add_ps` does: halves, quarters, pairs, then the last two.
    @inline(__always)
    static func pairwiseSum(_ v: SIMD16<Float>) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    /// Dot product of two length-`n` rows of f16-representable values, summed in this order.
    @inline(__always)
    func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        @inline(__always) func product(_ i: Int) -> SIMD16<Float> {
            rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
        }
        if self == .batched && n % 16 == 0 {
            var acc = SIMD16<Float>()
            for i in stride(from: 0, to: n, by: 16) { acc += product(i) }
            return Self.pairwiseSum(acc)
        }
        // tinyBLAS declines lengths that are not a multiple of 16; ggml_vec_dot_f16 takes them.
        var acc0 = SIMD16<Float>(), acc1 = acc0, acc2 = acc0, acc3 = acc0
        let whole = n & ~63
        for i in stride(from: 0, to: whole, by: 64) {
            acc0 += product(i)
            acc1 += product(i + 16)
            acc2 += product(i + 32)
            acc3 += product(i + 48)
        }
        var sum = Double(Self.pairwiseSum((acc0 + acc2) + (acc1 + acc3)))
        for i in whole..<n { sum += Double(x[i] * y[i]) }
        return Float(sum)
    }

    /// `scores[j] = dot(keys + j * stride, query) * scale` for `j < count`, rows of `width` values.
    func scores(keys: UnsafePointer<Float>, stride: Int, query: UnsafePointer<Float>, width d: Int, count: Int,
                scale: Float, into scores: UnsafeMutablePointer<Float>) {
        #if canImport(CLocalKernels)
        if lk_attention_scores(keys, stride, query, Int32(d), Int32(count), self == .batched ? 1 : 0, scale, scores) != 0 {
            return
        }
        #endif
        for j in 0..<count { scores[j] = dot(keys + j * stride, query, d) * scale }
    }

    /// Sets slot row `s` of `slots` (rows of `width`, `slotCount` of them) to the sum, in order of
    /// `j`, of `weights[j] * (values + j * stride)` over `j < count` with `j % slotCount == s`
    /// (zero for a slot without terms); zero weights (masked or below f16's range) add nothing.
    func accumulate(values: UnsafePointer<Float>, stride: Int, weights: UnsafePointer<Float>, width d: Int, count: Int,
                    into slots: UnsafeMutablePointer<Float>) {
        #if canImport(CLocalKernels)
        if lk_attention_accumulate(values, stride, weights, Int32(d), Int32(count), Int32(slotCount), slots) != 0 {
            return
        }
        #endif
        slots.initialize(repeating: 0, count: slotCount * d)
        for j in 0..<count where weights[j] != 0 {
            VectorOps.axpy(weights[j], values + j * stride, slots + (j % slotCount) * d, d)
        }
    }

    /// Folds `slotCount` partial-sum rows of width `d` (row `s` at `slots + s * d`) into row 0,
    /// as the kernel reduces its accumulators. The visible terms are assumed to be followed by
    /// zeros up to a multiple of 64, as llama.cpp's padded cache view is.
    func reduceSlots(_ slots: UnsafeMutablePointer<Float>, width d: Int) {
        @inline(__always) func add(_ target: Int, _ source: Int) {
            let t = slots + target * d, s = slots + source * d
            for i in 0..<d { t[i] += s[i] }
        }
        if self == .single {
            for lane in 0..<16 {
                add(lane, lane + 32)
                add(lane + 16, lane + 48)
                add(lane, lane + 16)
            }
        }
        var half = 8
        while half > 0 {
            for lane in 0..<half { add(lane, lane + half) }
            half /= 2
        }
    }

    /// Softmax of `n` scores in place with ggml's exp and its denominator: exponentials summed
    /// 16 at a time (pairwise) into a double. The row is as if padded with masked (zero) terms.
    static func softmax(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        var maxValue = -Float.infinity
        for i in 0..<n { maxValue = max(maxValue, x[i]) }
        #if canImport(CLocalKernels)
        lk_exp_shifted(x, maxValue, x, Int32(n))
        #else
        for i in 0..<n { x[i] = GGMLExp.exp(x[i] - maxValue) }
        #endif
        var sum: Double = 0
        var start = 0
        while start + 16 <= n {
            sum += Double(pairwiseSum(UnsafeRawPointer(x + start).loadUnaligned(as: SIMD16<Float>.self)))
            start += 16
        }
        if start < n {
            var chunk = SIMD16<Float>()
            for lane in 0..<(n - start) { chunk[lane] = x[start + lane] }
            sum += Double(pairwiseSum(chunk))
        }
        let inv = Float(1 / sum)
        for i in 0..<n { x[i] *= inv }
    }
}
