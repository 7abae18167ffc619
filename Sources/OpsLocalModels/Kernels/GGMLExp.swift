import Foundation

/// The single-precision `exp` that ggml's vectorised SiLU and softmax use on x86
/// (a polynomial after Arm's optimized-routines, max error 1.45 ulp + 0.5).
///
/// It differs from libm's `expf` in the last bit for many inputs; since activations are then
/// quantized to 8 bits, those bits decide rounding ties and with them greedy decoding, so the
/// Llama path uses this to follow llama.cpp token for token.
enum GGMLExp {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let shift: Float = 0x1.8p23
        let z = shift.addingProduct(x, 0x1.715476p+0)
        let n = z - shift
        let b = x.addingProduct(-n, 0x1.62e4p-1).addingProduct(-n, 0x1.7f7d1cp-20)
        guard abs(n) <= 192 else { return expf(x) }
        let u = b * b
        let inner = Float(0x1.573e2ep-5).addingProduct(0x1.0e4020p-7, b)
        let low = Float(0x1.fffdb6p-2).addingProduct(0x1.555e66p-3, b)
        let one = Float(1).addingProduct(0x1.ffffecp-1, b)
        let j = one.addingProduct(low.addingProduct(inner, u), u)
        return Float(sign: .plus, exponent: Int(n), significand: j)
    }

    /// SiLU as ggml's vector path computes it: x / (1 + exp(−x)).
    @inline(__always)
    static func silu(_ x: Float) -> Float {
        x / (1 + exp(-x))
    }
}
