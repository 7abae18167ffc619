#include "LocalKernels.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define LK_X86 1
#endif

static inline float lk_half_to_float(uint16_t h) {
    // IEEE half to float without relying on F16C, for the portable path.
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
    if (exp == 0) {
        if (mant == 0) { bits = sign; }
        else {
            exp = 127 - 15 + 1;
            while (!(mant & 0x400)) { mant <<= 1; exp--; }
            bits = sign | (exp << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000 | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline uint16_t lk_load_u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static float dot_q4_1_portable(const uint8_t *row, const int8_t *q, const float *d, const float *s, int blocks) {
    float acc = 0;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + b * 20;
        const int8_t *a = q + b * 32;
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += (blk[4 + i] & 0x0f) * a[i] + (blk[4 + i] >> 4) * a[i + 16];
        }
        acc += lk_half_to_float(lk_load_u16(blk)) * d[b] * (float)sum + lk_half_to_float(lk_load_u16(blk + 2)) * s[b];
    }
    return acc;
}

static float dot_q8_0_portable(const uint8_t *row, const int8_t *q, const float *d, int blocks) {
    float acc = 0;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + b * 34;
        const int8_t *w = (const int8_t *)(blk + 2);
        const int8_t *a = q + b * 32;
        int sum = 0;
        for (int i = 0; i < 32; i++) sum += w[i] * a[i];
        acc += lk_half_to_float(lk_load_u16(blk)) * d[b] * (float)sum;
    }
    return acc;
}

#ifdef LK_X86
__attribute__((target("avx2,fma,f16c")))
static inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma,f16c")))
static float dot_q4_1_avx2(const uint8_t *row, const int8_t *q, const float *d, const float *s, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    const __m256i ones = _mm256_set1_epi16(1);
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + b * 20;
        uint16_t dh = lk_load_u16(blk), mh = lk_load_u16(blk + 2);
        const float dw = _cvtsh_ss(dh), mw = _cvtsh_ss(mh);
        __m128i packed = _mm_loadu_si128((const __m128i *)(blk + 4));
        // Low nibbles are elements 0-15, high nibbles 16-31.
        __m256i nib = _mm256_set_m128i(_mm_srli_epi16(packed, 4), packed);
        nib = _mm256_and_si256(nib, low_mask);
        __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        __m256i pairs = _mm256_maddubs_epi16(nib, a);
        __m256i sums = _mm256_madd_epi16(pairs, ones);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * d[b]), _mm256_cvtepi32_ps(sums), acc);
        mins += mw * s[b];
    }
    return hsum256(acc) + mins;
}

__attribute__((target("avx2,fma,f16c")))
static float dot_q8_0_avx2(const uint8_t *row, const int8_t *q, const float *d, int blocks) {
    __m256 acc = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + b * 34;
        const float dw = _cvtsh_ss(lk_load_u16(blk));
        __m256i w = _mm256_loadu_si256((const __m256i *)(blk + 2));
        __m256i a = _mm256_loadu_si256((const __m256i *)(q + b * 32));
        // maddubs needs an unsigned operand: move w's sign onto a.
        __m256i aw = _mm256_sign_epi8(a, w);
        __m256i wabs = _mm256_sign_epi8(w, w);
        __m256i sums = _mm256_madd_epi16(_mm256_maddubs_epi16(wabs, aw), ones);
        acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * d[b]), _mm256_cvtepi32_ps(sums), acc);
    }
    return hsum256(acc);
}

// Four activation rows against one weight row: the nibbles are unpacked once per block and
// reused, which is what makes prompt processing cheaper per token than generation.
__attribute__((target("avx2,fma,f16c")))
static void dot4_q4_1_avx2(const uint8_t *row, const int8_t *q, const float *d, const float *s, int blocks,
                           float *out) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    float mins[4] = {0, 0, 0, 0};
    const __m256i low_mask = _mm256_set1_epi8(0x0f);
    const __m256i ones = _mm256_set1_epi16(1);
    const size_t qs = (size_t)blocks * 32;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + b * 20;
        const float dw = _cvtsh_ss(lk_load_u16(blk)), mw = _cvtsh_ss(lk_load_u16(blk + 2));
        __m128i packed = _mm_loadu_si128((const __m128i *)(blk + 4));
        __m256i nib = _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(packed, 4), packed), low_mask);
#define LK_STEP(i, acc) { \
            __m256i a = _mm256_loadu_si256((const __m256i *)(q + (i) * qs + b * 32)); \
            __m256i sums = _mm256_madd_epi16(_mm256_maddubs_epi16(nib, a), ones); \
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * d[(i) * blocks + b]), _mm256_cvtepi32_ps(sums), acc); \
            mins[i] += mw * s[(i) * blocks + b]; }
        LK_STEP(0, acc0) LK_STEP(1, acc1) LK_STEP(2, acc2) LK_STEP(3, acc3)
#undef LK_STEP
    }
    out[0] = hsum256(acc0) + mins[0];
    out[1] = hsum256(acc1) + mins[1];
    out[2] = hsum256(acc2) + mins[2];
    out[3] = hsum256(acc3) + mins[3];
}

static int lk_avx2_state = -1;

int lk_uses_avx2(void) {
    if (lk_avx2_state < 0) {
        __builtin_cpu_init();
        lk_avx2_state = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    }
    return lk_avx2_state;
}
#else
int lk_uses_avx2(void) { return 0; }
#endif

void lk_matmul_q4_1(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, const float *xs, int n_tokens,
                    float *y, int y_stride) {
    const int fast = lk_uses_avx2();
    for (int j = row_begin; j < row_end; j++) {
        const uint8_t *row = (const uint8_t *)w + (size_t)j * row_bytes;
        int t = 0;
#ifdef LK_X86
        if (fast) {
            float out[4];
            for (; t + 4 <= n_tokens; t += 4) {
                dot4_q4_1_avx2(row, xq + (size_t)t * blocks * 32, xd + (size_t)t * blocks, xs + (size_t)t * blocks,
                               blocks, out);
                for (int i = 0; i < 4; i++) y[(size_t)(t + i) * y_stride + j] = out[i];
            }
        }
#endif
        for (; t < n_tokens; t++) {
            const int8_t *q = xq + (size_t)t * blocks * 32;
            const float *d = xd + (size_t)t * blocks, *s = xs + (size_t)t * blocks;
#ifdef LK_X86
            y[(size_t)t * y_stride + j] = fast ? dot_q4_1_avx2(row, q, d, s, blocks) : dot_q4_1_portable(row, q, d, s, blocks);
#else
            y[(size_t)t * y_stride + j] = dot_q4_1_portable(row, q, d, s, blocks);
#endif
        }
    }
}

void lk_matmul_q8_0(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride) {
    const int fast = lk_uses_avx2();
    for (int j = row_begin; j < row_end; j++) {
        const uint8_t *row = (const uint8_t *)w + (size_t)j * row_bytes;
        for (int t = 0; t < n_tokens; t++) {
            const int8_t *q = xq + (size_t)t * blocks * 32;
            const float *d = xd + (size_t)t * blocks;
#ifdef LK_X86
            y[(size_t)t * y_stride + j] = fast ? dot_q8_0_avx2(row, q, d, blocks) : dot_q8_0_portable(row, q, d, blocks);
#else
            y[(size_t)t * y_stride + j] = dot_q8_0_portable(row, q, d, blocks);
#endif
        }
    }
}

void lk_quantize_q8(const float *x, int blocks, int8_t *q, float *amax, int32_t *sums) {
    for (int b = 0; b < blocks; b++) {
        const float *v = x + (size_t)b * 32;
        float m = 0;
        for (int i = 0; i < 32; i++) { float a = fabsf(v[i]); m = a > m ? a : m; }
        const float id = m != 0.0f ? 127.0f / m : 0.0f;
        int32_t sum = 0;
        for (int i = 0; i < 32; i++) {
            // nearbyintf rounds half to even in the default mode, like _mm256_round_ps.
            const int8_t value = (int8_t)nearbyintf(v[i] * id);
            q[(size_t)b * 32 + i] = value;
            sum += value;
        }
        amax[b] = m;
        sums[b] = sum;
    }
}
