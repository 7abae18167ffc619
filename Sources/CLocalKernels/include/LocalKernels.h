// Quantized dot-product kernels and ggml's exp for OpsLocalModels (issue 3).
//
// Swift's generic SIMD conversions between integer widths are not lowered to vector
// instructions, and Swift code is compiled for baseline x86-64; these few functions give the
// Q4_1/Q8_0 products AVX2 or AVX-512 VNNI (chosen at run time) while the Swift code around them
// stays portable.
#ifndef LOCAL_KERNELS_H
#define LOCAL_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// y[t * y_stride + j] = dot(W row j, x row t) for j in [row_begin, row_end), t in [0, n_tokens).
/// W rows are Q4_1 blocks (f16 d, f16 m, 16 bytes of nibbles); x rows are Q8_1-style blocks
/// given as separate arrays: quants (32 per block), scales d and sums s (one per block).
void lk_matmul_q4_1(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, const float *xs, int n_tokens,
                    float *y, int y_stride);

/// As lk_matmul_q4_1 for Q8_0 weight rows (f16 d, 32 signed bytes); x sums are unused.
void lk_matmul_q8_0(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride);

/// Quantizes `blocks` blocks of 32 floats to signed bytes as ggml's quantize_row_q8_1 does
/// (scale 127/max|x|, round half to even); writes each block's max|x| and the sum of its quants.
void lk_quantize_q8(const float *x, int blocks, int8_t *q, float *amax, int32_t *sums);

/// y[i] = exp(x[i] - shift) with ggml's single-precision exp (GGMLExp.swift); y may be x.
void lk_exp_shifted(const float *x, float shift, float *y, int n);

/// gate[i] = gate[i] / (1 + exp(-gate[i])) * up[i]: ggml's SwiGLU, with its exp.
void lk_swiglu(float *gate, const float *up, int n);

/// y[i] = x[i] rounded to the nearest f16 (ties to even) and back; y may be x. Returns 0, doing
/// nothing, when the processor lacks F16C (the caller then converts itself).
int lk_round_to_half(const float *x, float *y, int n);

/// scores[j] = dot(keys + j * stride, q) * scale for j < n over d f16-representable values, summed
/// as llama.cpp's tinyBLAS (batched != 0) or ggml_vec_dot_f16 does. Returns 0, doing nothing,
/// without AVX2/FMA or when d is not a multiple of 64 (the caller then computes them itself).
int lk_attention_scores(const float *keys, size_t stride, const float *q, int d, int n, int batched, float scale,
                        float *scores);

/// slots[s * d + i] = the sum over j < n with j % slot_count == s, in order of j, of
/// weights[j] * values[j * stride + i] (rows of zero weight skipped; 0 for a slot without terms), for
/// every s < slot_count and i < d. Returns 0, doing nothing, without AVX2/FMA or when d % 8 != 0.
int lk_attention_accumulate(const float *values, size_t stride, const float *weights, int d, int n, int slot_count,
                            float *slots);

/// y[r * width + i] = gelu(y[r * width + i] + bias[i]) for rows r, with erf as a rational function
/// (within 4e-7 of erf; the same formula on every path).
int lk_bias_gelu(float *y, const float *bias, int rows, int width);

/// x[r] = LayerNorm(x[r] + delta[r] + bias)·gamma + beta for each of `rows` rows of `width` floats.
/// Returns 0, doing nothing, without AVX2/FMA or when width % 8 != 0 (the caller then does it).
int lk_add_layernorm(float *x, const float *delta, const float *bias, int rows, int width, const float *gamma,
                     const float *beta, float eps);

/// out[i] = softmax(q[i]·Kᵀ·scale)·V for i < length, within one sequence: q, k and v rows `stride`
/// floats apart, `d` wide; out rows `out_stride` apart; `scores` has room for `length` floats.
/// Returns 0, doing nothing, without AVX2/FMA or when d % 8 != 0.
int lk_sequence_attention(const float *q, const float *k, const float *v, size_t stride, int length, int d,
                          float scale, float *out, size_t out_stride, float *scores);

/// 1 when the AVX2/FMA/F16C paths are in use on this processor.
int lk_uses_avx2(void);

/// The instruction set the kernels use: 0 portable C, 1 AVX2/FMA/F16C, 2 AVX2 with AVX-512 VNNI
/// integer dot products. Every level gives the same results bit for bit. Detected at first use;
/// the environment variable LLMOPS_KERNEL_LEVEL (0-2) caps it.
int lk_kernel_level(void);

/// Caps the level (tests compare the levels' results); returns the level now in use.
int lk_set_kernel_level(int level);

/// A spin-wait hint (x86 PAUSE): lets a spinning worker yield pipeline resources.
static inline void lk_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

#endif
