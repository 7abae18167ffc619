// The Q4_1 and Q8_0 matrix-product loops, written once and compiled per instruction set:
// QuantizedAVX2.c and QuantizedVNNI.c include this file after defining
//   LK_TARGET        the target attribute ("avx2,fma,f16c", ...)
//   LK_SUFFIX        the suffix of the exported names (avx2, vnni)
//   LK_DOT_U8(u, s)  8 int32 lanes, lane k = the sum of u[4k+i] * s[4k+i] for i < 4 (u unsigned bytes)
//   LK_WITH_QUANTIZE (optional) to also compile the activation quantizer
//
// Every row's arithmetic is ggml's AVX2 vec_dot (ggml_vec_dot_q4_1_q8_1, ggml_vec_dot_q8_0_q8_0):
// per block one fused multiply-add of the f32 product of the two scales onto eight float lanes,
// the Q4_1 minimum term in a scalar fused multiply-add, then hsum_float_8. The integer sums are
// exact, so how the lane sums are formed (maddubs + madd, or dpbusd) cannot change a bit; what
// the loops below change is only how many rows or tokens share one pass over the data.
#include <immintrin.h>
#include <string.h>

#include "KernelsInternal.h"

#define LK_CAT2(a, b) a##b
#define LK_CAT(a, b) LK_CAT2(a, b)
#define LK_FN(name) LK_CAT(name, LK_SUFFIX)
#define LK_ATTR __attribute__((target(LK_TARGET)))

LK_ATTR static inline float LK_FN(hsum8_)(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_extractf128_ps(v, 1), _mm256_castps256_ps128(v));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

LK_ATTR static inline float LK_FN(half_)(const uint8_t *p) {
    uint16_t h;
    memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

// A Q4_1 block's 16 bytes of nibbles as 32 bytes: low nibbles are elements 0-15, high ones 16-31.
// Both halves get the 16 bytes; the high half is shifted so that its low nibbles are the high ones.
LK_ATTR static inline __m256i LK_FN(nibbles_)(const uint8_t *qs) {
    const __m256i packed = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)qs));
    return _mm256_and_si256(_mm256_srlv_epi64(packed, _mm256_setr_epi64x(0, 0, 4, 4)), _mm256_set1_epi8(0x0f));
}

// Signed bytes w·a as unsigned·signed lanes: |w| times a with w's sign.
LK_ATTR static inline __m256i LK_FN(dot_i8_)(__m256i w, __m256i a) {
    return LK_DOT_U8(_mm256_sign_epi8(w, w), _mm256_sign_epi8(a, w));
}

// Four rows interleave four short streams, which the hardware prefetchers follow poorly: each
// block step also prefetches the same share of a group of rows further on (its 4 blocks' bytes).
#ifndef LK_PREFETCH_GROUPS
#define LK_PREFETCH_GROUPS 2
#endif
#define LK_PREFETCH(p) { _mm_prefetch((const char *)(p), _MM_HINT_T0); _mm_prefetch((const char *)(p) + 64, _MM_HINT_T0); }

LK_ATTR static inline uint32_t LK_FN(load32_)(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

// Lane i of v in all eight lanes.
#define LK_LANE(v, i) _mm256_permutevar8x32_ps((v), _mm256_set1_epi32(i))

// Four consecutive Q4_1 rows against one activation row: four independent chains that share
// the activation loads and hide each other's latency. The rows' f16 scales and minimums are
// converted together (lanes 2i and 2i+1 hold row i's d and m), each still used exactly as the
// one-row kernel uses it.
LK_ATTR static void LK_FN(q4_1_rows4_)(const uint8_t *row, size_t rb, const int8_t *q, const float *d,
                                       const float *s, int blocks, float *out) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    __m256 mins = _mm256_setzero_ps();
    const uint8_t *ahead = row + LK_PREFETCH_GROUPS * 4 * rb;
    for (int b = 0; b < blocks; b++) {
        LK_PREFETCH(ahead + (size_t)b * 80);
        const uint8_t *blk = row + (size_t)b * 20;
        const __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        const __m256 dm = _mm256_cvtph_ps(_mm_setr_epi32((int)LK_FN(load32_)(blk), (int)LK_FN(load32_)(blk + rb),
                                                         (int)LK_FN(load32_)(blk + 2 * rb),
                                                         (int)LK_FN(load32_)(blk + 3 * rb)));
        const __m256 scales = _mm256_mul_ps(dm, _mm256_set1_ps(d[b]));
        mins = _mm256_fmadd_ps(dm, _mm256_set1_ps(s[b]), mins);
#define LK_ROW(i, acc) { \
            const __m256i nib = LK_FN(nibbles_)(blk + (i) * rb + 4); \
            acc = _mm256_fmadd_ps(LK_LANE(scales, 2 * (i)), _mm256_cvtepi32_ps(LK_DOT_U8(nib, a)), acc); }
        LK_ROW(0, acc0) LK_ROW(1, acc1) LK_ROW(2, acc2) LK_ROW(3, acc3)
#undef LK_ROW
    }
    float m[8];
    _mm256_storeu_ps(m, mins);
    out[0] = LK_FN(hsum8_)(acc0) + m[1];
    out[1] = LK_FN(hsum8_)(acc1) + m[3];
    out[2] = LK_FN(hsum8_)(acc2) + m[5];
    out[3] = LK_FN(hsum8_)(acc3) + m[7];
}

// One Q4_1 row against four activation rows (a prompt chunk): the nibbles are unpacked once.
LK_ATTR static void LK_FN(q4_1_tokens4_)(const uint8_t *row, const int8_t *q, const float *d, const float *s,
                                         int blocks, float *out) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    const size_t qs = (size_t)blocks * 32;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + (size_t)b * 20;
        const float dw = LK_FN(half_)(blk), mw = LK_FN(half_)(blk + 2);
        const __m256i nib = LK_FN(nibbles_)(blk + 4);
#define LK_TOKEN(i, acc, mins) { \
            const __m256i a = _mm256_loadu_si256((const __m256i *)(q + (i) * qs + (size_t)b * 32)); \
            const __m256 xy = _mm256_cvtepi32_ps(LK_DOT_U8(nib, a)); \
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * d[(i) * blocks + b]), xy, acc); \
            mins = __builtin_fmaf(mw, s[(i) * blocks + b], mins); }
        LK_TOKEN(0, acc0, m0) LK_TOKEN(1, acc1, m1) LK_TOKEN(2, acc2, m2) LK_TOKEN(3, acc3, m3)
#undef LK_TOKEN
    }
    out[0] = LK_FN(hsum8_)(acc0) + m0;
    out[1] = LK_FN(hsum8_)(acc1) + m1;
    out[2] = LK_FN(hsum8_)(acc2) + m2;
    out[3] = LK_FN(hsum8_)(acc3) + m3;
}

LK_ATTR static float LK_FN(q4_1_row_)(const uint8_t *row, const int8_t *q, const float *d, const float *s, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + (size_t)b * 20;
        const __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        const __m256 xy = _mm256_cvtepi32_ps(LK_DOT_U8(LK_FN(nibbles_)(blk + 4), a));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(LK_FN(half_)(blk) * d[b]), xy, acc);
        mins = __builtin_fmaf(LK_FN(half_)(blk + 2), s[b], mins);
    }
    return LK_FN(hsum8_)(acc) + mins;
}

LK_ATTR static inline uint16_t LK_FN(load16_)(const uint8_t *p) {
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

LK_ATTR static void LK_FN(q8_0_rows4_)(const uint8_t *row, size_t rb, const int8_t *q, const float *d, int blocks,
                                       float *out) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    const uint8_t *ahead = row + LK_PREFETCH_GROUPS * 4 * rb;
    for (int b = 0; b < blocks; b++) {
        LK_PREFETCH(ahead + (size_t)b * 136);
        const uint8_t *blk = row + (size_t)b * 34;
        const __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        const __m128i halves = _mm_setr_epi16((short)LK_FN(load16_)(blk), (short)LK_FN(load16_)(blk + rb),
                                              (short)LK_FN(load16_)(blk + 2 * rb), (short)LK_FN(load16_)(blk + 3 * rb),
                                              0, 0, 0, 0);
        const __m256 scales = _mm256_mul_ps(_mm256_cvtph_ps(halves), _mm256_set1_ps(d[b]));
#define LK_ROW(i, acc) { \
            const __m256i w = _mm256_loadu_si256((const __m256i *)(blk + (i) * rb + 2)); \
            acc = _mm256_fmadd_ps(LK_LANE(scales, i), _mm256_cvtepi32_ps(LK_FN(dot_i8_)(w, a)), acc); }
        LK_ROW(0, acc0) LK_ROW(1, acc1) LK_ROW(2, acc2) LK_ROW(3, acc3)
#undef LK_ROW
    }
    out[0] = LK_FN(hsum8_)(acc0);
    out[1] = LK_FN(hsum8_)(acc1);
    out[2] = LK_FN(hsum8_)(acc2);
    out[3] = LK_FN(hsum8_)(acc3);
}

LK_ATTR static float LK_FN(q8_0_row_)(const uint8_t *row, const int8_t *q, const float *d, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + (size_t)b * 34;
        const __m256i w = _mm256_loadu_si256((const __m256i *)(blk + 2));
        const __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        const __m256 xy = _mm256_cvtepi32_ps(LK_FN(dot_i8_)(w, a));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(LK_FN(half_)(blk) * d[b]), xy, acc);
    }
    return LK_FN(hsum8_)(acc);
}

LK_ATTR void LK_FN(lk_q4_1_matmul_)(const uint8_t *w, size_t rb, int row_begin, int row_end, int blocks,
                                    const int8_t *xq, const float *xd, const float *xs, int n_tokens,
                                    float *y, int y_stride) {
    const size_t qs = (size_t)blocks * 32;
    float out[4];
    if (n_tokens >= 4) {
        for (int j = row_begin; j < row_end; j++) {
            const uint8_t *row = w + (size_t)j * rb;
            int t = 0;
            for (; t + 4 <= n_tokens; t += 4) {
                LK_FN(q4_1_tokens4_)(row, xq + t * qs, xd + (size_t)t * blocks, xs + (size_t)t * blocks, blocks, out);
                for (int i = 0; i < 4; i++) y[(size_t)(t + i) * y_stride + j] = out[i];
            }
            for (; t < n_tokens; t++) {
                y[(size_t)t * y_stride + j] = LK_FN(q4_1_row_)(row, xq + t * qs, xd + (size_t)t * blocks,
                                                               xs + (size_t)t * blocks, blocks);
            }
        }
        return;
    }
    for (int t = 0; t < n_tokens; t++) {
        const int8_t *q = xq + t * qs;
        const float *d = xd + (size_t)t * blocks, *s = xs + (size_t)t * blocks;
        float *yt = y + (size_t)t * y_stride;
        int j = row_begin;
        for (; j + 4 <= row_end; j += 4) {
            LK_FN(q4_1_rows4_)(w + (size_t)j * rb, rb, q, d, s, blocks, out);
            memcpy(yt + j, out, sizeof out);
        }
        for (; j < row_end; j++) yt[j] = LK_FN(q4_1_row_)(w + (size_t)j * rb, q, d, s, blocks);
    }
}

LK_ATTR void LK_FN(lk_q8_0_matmul_)(const uint8_t *w, size_t rb, int row_begin, int row_end, int blocks,
                                    const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride) {
    const size_t qs = (size_t)blocks * 32;
    float out[4];
    for (int t = 0; t < n_tokens; t++) {
        const int8_t *q = xq + t * qs;
        const float *d = xd + (size_t)t * blocks;
        float *yt = y + (size_t)t * y_stride;
        int j = row_begin;
        for (; j + 4 <= row_end; j += 4) {
            LK_FN(q8_0_rows4_)(w + (size_t)j * rb, rb, q, d, blocks, out);
            memcpy(yt + j, out, sizeof out);
        }
        for (; j < row_end; j++) yt[j] = LK_FN(q8_0_row_)(w + (size_t)j * rb, q, d, blocks);
    }
}

#ifdef LK_WITH_QUANTIZE
// Quantizes as ggml's quantize_row_q8_1 AVX2 path: max |x| per block, x · (127 / max) rounded
// to nearest even, the integer sum of the quants.
LK_ATTR void LK_FN(lk_quantize_q8_)(const float *x, int blocks, int8_t *q, float *amax, int32_t *sums) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    for (int b = 0; b < blocks; b++) {
        const float *v = x + (size_t)b * 32;
        __m256 v0 = _mm256_loadu_ps(v), v1 = _mm256_loadu_ps(v + 8), v2 = _mm256_loadu_ps(v + 16),
               v3 = _mm256_loadu_ps(v + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(sign, v0), _mm256_andnot_ps(sign, v1)),
                                 _mm256_max_ps(_mm256_andnot_ps(sign, v2), _mm256_andnot_ps(sign, v3)));
        __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float mx = _mm_cvtss_f32(m4);
        const __m256 id = _mm256_set1_ps(mx != 0.0f ? 127.0f / mx : 0.0f);
#define LK_NEAREST (_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
        const __m256i i0 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v0, id), LK_NEAREST));
        const __m256i i1 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v1, id), LK_NEAREST));
        const __m256i i2 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v2, id), LK_NEAREST));
        const __m256i i3 = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v3, id), LK_NEAREST));
#undef LK_NEAREST
        __m256i total = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
        __m128i t4 = _mm_add_epi32(_mm256_extracti128_si256(total, 1), _mm256_castsi256_si128(total));
        t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0x4e));
        t4 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0xb1));
        // Packing interleaves 128-bit halves; the permutation puts the bytes back in order.
        const __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
        const __m256i ordered = _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
        _mm256_storeu_si256((__m256i *)(q + (size_t)b * 32), ordered);
        amax[b] = mx;
        sums[b] = _mm_cvtsi128_si32(t4);
    }
}
#endif

#undef LK_LANE
#undef LK_PREFETCH
#undef LK_ATTR
#undef LK_FN
#undef LK_CAT
#undef LK_CAT2
