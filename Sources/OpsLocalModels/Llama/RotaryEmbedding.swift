import Foundation

/// Rotary position embedding over adjacent pairs (GGML's "normal" mode, which GGUF Llama
/// weights are permuted for).
///
/// Angles follow ggml's recipe, `θ_i = pos · base^(−2i/d)` built by repeated multiplication
/// in single precision, so positions rotate exactly as in llama.cpp. The rotation also rounds
/// as llama.cpp's build does: GCC contracts `x0·cos − x1·sin` (and `x0·sin + x1·cos`) into a
/// fused multiply-add of the first product onto the rounded second one; a plain multiply and
/// subtract differs in the last bit for about one value in ten, which then flips the f16
/// rounding of some cached keys and queries.
struct RotaryEmbedding {
    let dimensions: Int
    let base: Float

    /// Rotates `heads` consecutive head vectors of `dimensions` floats at `position`.
    func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, position: Int) {
        let thetaScale = powf(base, -2 / Float(dimensions))
        var theta = Float(position)
        let pairs = dimensions / 2
        var cosines = [Float](repeating: 0, count: pairs), sines = [Float](repeating: 0, count: pairs)
        for i in 0..<pairs {
            cosines[i] = cosf(theta)
            sines[i] = sinf(theta)
            theta *= thetaScale
        }
        for h in 0..<heads {
            let v = x + h * dimensions
            for i in 0..<pairs {
                let x0 = v[2 * i], x1 = v[2 * i + 1]
                v[2 * i] = (-(x1 * sines[i])).addingProduct(x0, cosines[i])
                v[2 * i + 1] = (x1 * cosines[i]).addingProduct(x0, sines[i])
            }
        }
    }
}
