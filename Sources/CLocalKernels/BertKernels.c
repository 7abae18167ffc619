// The element-wise and per-sequence parts of OpsLocalModels' BERT encoder (the matrix products
// are OpenBLAS's): bias + GELU, bias + residual + LayerNorm, and attention within a sequence.
// Unlike the Llama kernels these need not reproduce another program's bits (embeddings are
// compared by cosine); each has one formula, evaluated in the same order on every path.
#include "LocalKernels.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define LK_X86 1
#endif

// erf as a rational function of x (odd over even polynomial in x², the fit Eigen and XLA use),
// within 4e-7 of erf over the floats; |x| > 4 gives ±1.
#define LK_ERF_COEFFICIENTS \
    const float a13 = -2.72614225801306e-10f, a11 = 2.77068142495902e-08f, a9 = -2.10102402082508e-06f, \
                a7 = -5.69250639462346e-05f, a5 = -7.34990630326855e-04f, a3 = -2.95459980854025e-03f, \
                a1 = -1.60960333262415e-02f, b8 = -1.45660718464996e-05f, b6 = -2.13374055278905e-04f, \
                b4 = -1.68282697438203e-03f, b2 = -7.37332916720468e-03f, b0 = -1.42647390514189e-02f;

static inline float lk_gelu1(float v) {
    LK_ERF_COEFFICIENTS
    const float x = fmaxf(fminf(v * 0.70710678118654752f, 4.0f), -4.0f), x2 = x * x;
    float p = fmaf(x2, a13, a11);
    p = fmaf(x2, p, a9); p = fmaf(x2, p, a7); p = fmaf(x2, p, a5); p = fmaf(x2, p, a3); p = fmaf(x2, p, a1);
    float q = fmaf(x2, b8, b6);
    q = fmaf(x2, q, b4); q = fmaf(x2, q, b2); q = fmaf(x2, q, b0);
    return 0.5f * v * (1.0f + x * p / q);
}

#ifdef LK_X86
__attribute__((target("avx2,fma")))
static inline __m256 lk_gelu8(__m256 v) {
    LK_ERF_COEFFICIENTS
    const __m256 x = _mm256_max_ps(_mm256_min_ps(_mm256_mul_ps(v, _mm256_set1_ps(0.70710678118654752f)),
                                                 _mm256_set1_ps(4.0f)), _mm256_set1_ps(-4.0f));
    const __m256 x2 = _mm256_mul_ps(x, x);
    __m256 p = _mm256_fmadd_ps(x2, _mm256_set1_ps(a13), _mm256_set1_ps(a11));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(a9));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(a7));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(a5));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(a3));
    p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(a1));
    __m256 q = _mm256_fmadd_ps(x2, _mm256_set1_ps(b8), _mm256_set1_ps(b6));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(b4));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(b2));
    q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(b0));
    const __m256 erf = _mm256_div_ps(_mm256_mul_ps(x, p), q);
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), v), _mm256_add_ps(_mm256_set1_ps(1.0f), erf));
}

__attribute__((target("avx2,fma")))
static void lk_bias_gelu_avx2(float *y, const float *bias, int rows, int width) {
    for (int r = 0; r < rows; r++) {
        float *row = y + (size_t)r * width;
        int i = 0;
        for (; i + 8 <= width; i += 8) {
            _mm256_storeu_ps(row + i, lk_gelu8(_mm256_add_ps(_mm256_loadu_ps(row + i), _mm256_loadu_ps(bias + i))));
        }
        for (; i < width; i++) row[i] = _mm256_cvtss_f32(lk_gelu8(_mm256_set1_ps(row[i] + bias[i])));
    }
}

__attribute__((target("avx2,fma")))
static inline float lk_hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_extractf128_ps(v, 1), _mm256_castps256_ps128(v));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma")))
static void lk_add_layernorm_avx2(float *x, const float *delta, const float *bias, int rows, int width,
                                  const float *gamma, const float *beta, float eps) {
    for (int r = 0; r < rows; r++) {
        float *row = x + (size_t)r * width;
        const float *dr = delta + (size_t)r * width;
        __m256 sum = _mm256_setzero_ps();
        for (int i = 0; i < width; i += 8) {
            const __m256 v = _mm256_add_ps(_mm256_loadu_ps(row + i), _mm256_add_ps(_mm256_loadu_ps(dr + i),
                                                                                   _mm256_loadu_ps(bias + i)));
            _mm256_storeu_ps(row + i, v);
            sum = _mm256_add_ps(sum, v);
        }
        const float mean = lk_hsum8(sum) / (float)width;
        const __m256 m = _mm256_set1_ps(mean);
        __m256 squares = _mm256_setzero_ps();
        for (int i = 0; i < width; i += 8) {
            const __m256 c = _mm256_sub_ps(_mm256_loadu_ps(row + i), m);
            squares = _mm256_fmadd_ps(c, c, squares);
        }
        const __m256 scale = _mm256_set1_ps(1.0f / sqrtf(lk_hsum8(squares) / (float)width + eps));
        for (int i = 0; i < width; i += 8) {
            const __m256 c = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(row + i), m), scale);
            _mm256_storeu_ps(row + i, _mm256_fmadd_ps(c, _mm256_loadu_ps(gamma + i), _mm256_loadu_ps(beta + i)));
        }
    }
}

// exp for the softmax: 2^(x·log2 e) split into an integer and a fraction, the fraction's 2^f by
// a degree-6 polynomial (relative error ~2e-7); inputs are <= 0 after the max is subtracted.
__attribute__((target("avx2,fma")))
static inline __m256 lk_exp8(__m256 x) {
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.0f));
    const __m256 t = _mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f));
    const __m256 n = _mm256_round_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256 f = _mm256_sub_ps(t, n);
    __m256 p = _mm256_set1_ps(1.535336188319500e-4f);
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.339887440266574e-3f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(9.618437357674640e-3f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(5.550332471162809e-2f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(2.402264791363012e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(6.931472028550421e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.0f));
    const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

// Eight dot products at once: acc[j] holds key j's lane sums; three rounds of pairwise
// horizontal adds leave the eight totals in one vector.
__attribute__((target("avx2,fma")))
static inline __m256 lk_hsum8x8(const __m256 *acc) {
    const __m256 a = _mm256_hadd_ps(acc[0], acc[1]), b = _mm256_hadd_ps(acc[2], acc[3]);
    const __m256 c = _mm256_hadd_ps(acc[4], acc[5]), d = _mm256_hadd_ps(acc[6], acc[7]);
    const __m256 ab = _mm256_hadd_ps(a, b), cd = _mm256_hadd_ps(c, d);
    // ab holds keys 0-3's sums of lanes 0-3 in its low half and of lanes 4-7 in its high half;
    // cd likewise for keys 4-7.
    return _mm256_add_ps(_mm256_permute2f128_ps(ab, cd, 0x20), _mm256_permute2f128_ps(ab, cd, 0x31));
}

__attribute__((target("avx2,fma")))
static void lk_sequence_attention_avx2(const float *q, const float *k, const float *v, size_t stride, int length,
                                       int d, float scale, float *out, size_t out_stride, float *scores) {
    const __m256 vscale = _mm256_set1_ps(scale);
    for (int i = 0; i < length; i++) {
        const float *qi = q + (size_t)i * stride;
        int j = 0;
        for (; j + 8 <= length; j += 8) {
            __m256 acc[8];
            for (int r = 0; r < 8; r++) acc[r] = _mm256_setzero_ps();
            for (int c = 0; c < d; c += 8) {
                const __m256 qc = _mm256_loadu_ps(qi + c);
                for (int r = 0; r < 8; r++) {
                    acc[r] = _mm256_fmadd_ps(qc, _mm256_loadu_ps(k + (size_t)(j + r) * stride + c), acc[r]);
                }
            }
            _mm256_storeu_ps(scores + j, _mm256_mul_ps(lk_hsum8x8(acc), vscale));
        }
        for (; j < length; j++) {
            const float *kj = k + (size_t)j * stride;
            __m256 acc = _mm256_setzero_ps();
            for (int c = 0; c < d; c += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(qi + c), _mm256_loadu_ps(kj + c), acc);
            scores[j] = lk_hsum8(acc) * scale;
        }
        float top = scores[0];
        for (j = 1; j < length; j++) top = scores[j] > top ? scores[j] : top;
        const __m256 shift = _mm256_set1_ps(top);
        __m256 total = _mm256_setzero_ps();
        j = 0;
        for (; j + 8 <= length; j += 8) {
            const __m256 e = lk_exp8(_mm256_sub_ps(_mm256_loadu_ps(scores + j), shift));
            _mm256_storeu_ps(scores + j, e);
            total = _mm256_add_ps(total, e);
        }
        float sum = lk_hsum8(total);
        for (; j < length; j++) {
            scores[j] = _mm256_cvtss_f32(lk_exp8(_mm256_set1_ps(scores[j] - top)));
            sum += scores[j];
        }
        const __m256 inv = _mm256_set1_ps(1.0f / sum);
        float *oi = out + (size_t)i * out_stride;
        // Up to 64 columns stay in registers while the values are read row by row.
        for (int c0 = 0; c0 < d; c0 += 64) {
            const int width = d - c0 < 64 ? d - c0 : 64;
            __m256 acc[8];
            for (int c = 0; c < width; c += 8) acc[c / 8] = _mm256_setzero_ps();
            for (int jj = 0; jj < length; jj++) {
                const __m256 w = _mm256_set1_ps(scores[jj]);
                const float *vj = v + (size_t)jj * stride + c0;
                for (int c = 0; c < width; c += 8) acc[c / 8] = _mm256_fmadd_ps(w, _mm256_loadu_ps(vj + c), acc[c / 8]);
            }
            for (int c = 0; c < width; c += 8) _mm256_storeu_ps(oi + c0 + c, _mm256_mul_ps(acc[c / 8], inv));
        }
    }
}
#endif

int lk_bias_gelu(float *y, const float *bias, int rows, int width) {
#ifdef LK_X86
    if (lk_uses_avx2()) { lk_bias_gelu_avx2(y, bias, rows, width); return 1; }
#endif
    for (int r = 0; r < rows; r++) {
        for (int i = 0; i < width; i++) y[(size_t)r * width + i] = lk_gelu1(y[(size_t)r * width + i] + bias[i]);
    }
    return 1;
}

int lk_add_layernorm(float *x, const float *delta, const float *bias, int rows, int width, const float *gamma,
                     const float *beta, float eps) {
#ifdef LK_X86
    if (lk_uses_avx2() && width % 8 == 0) {
        lk_add_layernorm_avx2(x, delta, bias, rows, width, gamma, beta, eps);
        return 1;
    }
#endif
    (void)x; (void)delta; (void)bias; (void)rows; (void)width; (void)gamma; (void)beta; (void)eps;
    return 0;
}

int lk_sequence_attention(const float *q, const float *k, const float *v, size_t stride, int length, int d,
                          float scale, float *out, size_t out_stride, float *scores) {
#ifdef LK_X86
    if (lk_uses_avx2() && d % 8 == 0 && d > 0) {
        lk_sequence_attention_avx2(q, k, v, stride, length, d, scale, out, out_stride, scores);
        return 1;
    }
#endif
    (void)q; (void)k; (void)v; (void)stride; (void)length; (void)d; (void)scale; (void)out; (void)out_stride;
    (void)scores;
    return 0;
}
