// Attention products for OpsLocalModels' Llama decoder, summed in llama.cpp's orders
// (AttentionSummationOrder.swift explains them). Every term is a product of two f16-representable
// floats, exact in single precision, so fused and separate multiply-adds give the same bits.
#include "LocalKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

// Adds 16 lanes (lo = lanes 0-7, hi = lanes 8-15) as _mm512_reduce_add_ps does:
// l[i] + l[i+8], then + the lane 4 away, then 2 away, then the last two.
__attribute__((target("avx2,fma")))
static inline float lk_pairwise16(__m256 lo, __m256 hi) {
    const __m256 a = _mm256_add_ps(lo, hi);
    __m128 b = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    b = _mm_add_ps(b, _mm_movehl_ps(b, b));
    b = _mm_add_ss(b, _mm_movehdup_ps(b));
    return _mm_cvtss_f32(b);
}

__attribute__((target("avx2,fma")))
static void lk_attention_scores_avx2(const float *keys, size_t stride, const float *q, int d, int n, int batched,
                                     float scale, float *scores) {
    for (int j = 0; j < n; j++) {
        const float *k = keys + (size_t)j * stride;
        if (batched) {
            // tinyBLAS: one 16-lane accumulator, term i in lane i % 16.
            __m256 lo = _mm256_setzero_ps(), hi = lo;
            for (int i = 0; i < d; i += 16) {
                lo = _mm256_fmadd_ps(_mm256_loadu_ps(k + i), _mm256_loadu_ps(q + i), lo);
                hi = _mm256_fmadd_ps(_mm256_loadu_ps(k + i + 8), _mm256_loadu_ps(q + i + 8), hi);
            }
            scores[j] = lk_pairwise16(lo, hi) * scale;
        } else {
            // ggml_vec_dot_f16: four 16-lane accumulators over 64 terms a step, folded (0+2)+(1+3).
            __m256 acc[8];
            for (int a = 0; a < 8; a++) acc[a] = _mm256_setzero_ps();
            for (int i = 0; i < d; i += 64) {
                for (int a = 0; a < 8; a++) {
                    acc[a] = _mm256_fmadd_ps(_mm256_loadu_ps(k + i + 8 * a), _mm256_loadu_ps(q + i + 8 * a), acc[a]);
                }
            }
            const __m256 lo = _mm256_add_ps(_mm256_add_ps(acc[0], acc[4]), _mm256_add_ps(acc[2], acc[6]));
            const __m256 hi = _mm256_add_ps(_mm256_add_ps(acc[1], acc[5]), _mm256_add_ps(acc[3], acc[7]));
            scores[j] = lk_pairwise16(lo, hi) * scale;
        }
    }
}

// Slot by slot: each slot's rows are added in order (j, j + slot_count, ...) with the partial sums
// in registers, and every slot row is written once.
__attribute__((target("avx2,fma")))
static void lk_attention_accumulate_avx2(const float *values, size_t stride, const float *weights, int d, int n,
                                         int slot_count, float *slots) {
    for (int slot = 0; slot < slot_count; slot++) {
        float *s = slots + (size_t)slot * d;
        for (int c0 = 0; c0 < d; c0 += 64) {
            const int width = d - c0 < 64 ? d - c0 : 64;
            __m256 acc[8];
            for (int c = 0; c < width; c += 8) acc[c / 8] = _mm256_setzero_ps();
            for (int j = slot; j < n; j += slot_count) {
                const float w = weights[j];
                if (w == 0) continue;
                const __m256 vw = _mm256_set1_ps(w);
                const float *v = values + (size_t)j * stride + c0;
                for (int c = 0; c < width; c += 8) acc[c / 8] = _mm256_fmadd_ps(vw, _mm256_loadu_ps(v + c), acc[c / 8]);
            }
            for (int c = 0; c < width; c += 8) _mm256_storeu_ps(s + c0 + c, acc[c / 8]);
        }
    }
}
#endif

int lk_attention_scores(const float *keys, size_t stride, const float *q, int d, int n, int batched, float scale,
                        float *scores) {
#if defined(__x86_64__)
    if (lk_uses_avx2() && d % 64 == 0) {
        lk_attention_scores_avx2(keys, stride, q, d, n, batched, scale, scores);
        return 1;
    }
#endif
    (void)keys; (void)stride; (void)q; (void)d; (void)n; (void)batched; (void)scale; (void)scores;
    return 0;
}

int lk_attention_accumulate(const float *values, size_t stride, const float *weights, int d, int n, int slot_count,
                            float *slots) {
#if defined(__x86_64__)
    if (lk_uses_avx2() && d % 8 == 0) {
        lk_attention_accumulate_avx2(values, stride, weights, d, n, slot_count, slots);
        return 1;
    }
#endif
    (void)values; (void)stride; (void)weights; (void)d; (void)n; (void)slot_count; (void)slots;
    return 0;
}
