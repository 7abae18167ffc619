// ggml's single-precision exp, SwiGLU and f16 rounding for OpsLocalModels' Llama decoder.
//
// The Swift code is compiled for baseline x86-64, where each fused multiply-add of ggml's exp is
// a libm call and each f16 conversion a compiler-runtime call; these give the softmax, SiLU and
// f16 rounding loops AVX2/FMA/F16C (chosen at run time) with the same results bit for bit.
#include "LocalKernels.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define LK_X86 1
#endif

// ggml_v_expf as built for AVX-512 (a polynomial after Arm's optimized-routines): every step
// rounds as there, and the final scaling by 2^n is a single rounding like _mm512_scalef_ps.
static inline float lk_ggml_exp(float x) {
    const float shift = 0x1.8p23f;
    const float n = fmaf(x, 0x1.715476p+0f, shift) - shift;
    const float b = fmaf(-n, 0x1.7f7d1cp-20f, fmaf(-n, 0x1.62e4p-1f, x));
    if (fabsf(n) > 192) return n > 0 ? INFINITY : 0.0f;
    const float u = b * b;
    const float j = fmaf(fmaf(fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                         u, fmaf(0x1.ffffecp-1f, b, 1.0f));
    return ldexpf(j, (int)n);
}

#ifdef LK_X86
__attribute__((target("avx2,fma")))
static inline float lk_ggml_exp_fma(float x) {
    const float shift = 0x1.8p23f;
    const float n = __builtin_fmaf(x, 0x1.715476p+0f, shift) - shift;
    const float b = __builtin_fmaf(-n, 0x1.7f7d1cp-20f, __builtin_fmaf(-n, 0x1.62e4p-1f, x));
    if (fabsf(n) > 192) return n > 0 ? INFINITY : 0.0f;
    const float u = b * b;
    const float j = __builtin_fmaf(__builtin_fmaf(__builtin_fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u,
                                                  __builtin_fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)),
                                   u, __builtin_fmaf(0x1.ffffecp-1f, b, 1.0f));
    return ldexpf(j, (int)n);
}

__attribute__((target("avx2,fma")))
static inline __m256 lk_ggml_exp8(__m256 x) {
    const __m256 shift = _mm256_set1_ps(0x1.8p23f);
    const __m256 n = _mm256_sub_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), shift), shift);
    const __m256 b = _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256 absn = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), n);
    if (_mm256_movemask_ps(_mm256_cmp_ps(absn, _mm256_set1_ps(126), _CMP_GT_OQ))) {
        // Results near or past the float range: rare, done lane by lane.
        float in[8], out[8];
        _mm256_storeu_ps(in, x);
        for (int i = 0; i < 8; i++) out[i] = lk_ggml_exp_fma(in[i]);
        return _mm256_loadu_ps(out);
    }
    const __m256 u = _mm256_mul_ps(b, b);
    const __m256 j = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f)), u,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f))),
        u, _mm256_fmadd_ps(_mm256_set1_ps(0x1.ffffecp-1f), b, _mm256_set1_ps(1.0f)));
    // |n| <= 126, so 2^n is a normal float and the product rounds once.
    const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(j, _mm256_castsi256_ps(bits));
}

__attribute__((target("avx2,fma")))
static void lk_exp_shifted_avx2(const float *x, float shift, float *y, int n) {
    const __m256 s = _mm256_set1_ps(shift);
    int i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, lk_ggml_exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), s)));
    for (; i < n; i++) y[i] = lk_ggml_exp_fma(x[i] - shift);
}

__attribute__((target("avx2,fma")))
static void lk_swiglu_avx2(float *gate, const float *up, int n) {
    const __m256 one = _mm256_set1_ps(1.0f), sign = _mm256_set1_ps(-0.0f);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 g = _mm256_loadu_ps(gate + i);
        const __m256 silu = _mm256_div_ps(g, _mm256_add_ps(one, lk_ggml_exp8(_mm256_xor_ps(g, sign))));
        _mm256_storeu_ps(gate + i, _mm256_mul_ps(silu, _mm256_loadu_ps(up + i)));
    }
    for (; i < n; i++) gate[i] = gate[i] / (1.0f + lk_ggml_exp_fma(-gate[i])) * up[i];
}

__attribute__((target("avx2,f16c")))
static void lk_round_to_half_f16c(const float *x, float *y, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(y + i, _mm256_cvtph_ps(h));
    }
    for (; i < n; i++) y[i] = _cvtsh_ss(_cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT));
}
#endif

void lk_exp_shifted(const float *x, float shift, float *y, int n) {
#ifdef LK_X86
    if (lk_uses_avx2()) { lk_exp_shifted_avx2(x, shift, y, n); return; }
#endif
    for (int i = 0; i < n; i++) y[i] = lk_ggml_exp(x[i] - shift);
}

void lk_swiglu(float *gate, const float *up, int n) {
#ifdef LK_X86
    if (lk_uses_avx2()) { lk_swiglu_avx2(gate, up, n); return; }
#endif
    for (int i = 0; i < n; i++) gate[i] = gate[i] / (1.0f + lk_ggml_exp(-gate[i])) * up[i];
}

int lk_round_to_half(const float *x, float *y, int n) {
#ifdef LK_X86
    if (lk_uses_avx2()) { lk_round_to_half_f16c(x, y, n); return 1; }
#endif
    (void)x; (void)y; (void)n;
    return 0;
}
