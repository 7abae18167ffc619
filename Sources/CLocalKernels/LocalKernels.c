#include "LocalKernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "KernelsInternal.h"

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

static inline float lk_load_half(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return lk_half_to_float(v); }

// hsum_float_8 of ggml's AVX2 code: lanes k and k+4 first, then (0+2) + (1+3).
static inline float lk_fold8(const float *acc) {
    const float s0 = acc[4] + acc[0], s1 = acc[5] + acc[1], s2 = acc[6] + acc[2], s3 = acc[7] + acc[3];
    return (s0 + s2) + (s1 + s3);
}

// The portable dots keep the AVX2 kernels' order (eight lanes, lane k holding elements 4k..4k+3
// of the block as the vector code lays them out, fused multiply-adds), so every level gives the
// same bits.
static float dot_q4_1_portable(const uint8_t *row, const int8_t *q, const float *d, const float *s, int blocks) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, mins = 0;
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + (size_t)b * 20;
        const int8_t *a = q + (size_t)b * 32;
        const float scale = lk_load_half(blk) * d[b];
        for (int k = 0; k < 4; k++) {
            int low = 0, high = 0;
            for (int i = 4 * k; i < 4 * k + 4; i++) {
                low += (blk[4 + i] & 0x0f) * a[i];
                high += (blk[4 + i] >> 4) * a[i + 16];
            }
            acc[k] = fmaf(scale, (float)low, acc[k]);
            acc[k + 4] = fmaf(scale, (float)high, acc[k + 4]);
        }
        mins = fmaf(lk_load_half(blk + 2), s[b], mins);
    }
    return lk_fold8(acc) + mins;
}

static float dot_q8_0_portable(const uint8_t *row, const int8_t *q, const float *d, int blocks) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int b = 0; b < blocks; b++) {
        const uint8_t *blk = row + (size_t)b * 34;
        const int8_t *w = (const int8_t *)(blk + 2);
        const int8_t *a = q + (size_t)b * 32;
        const float scale = lk_load_half(blk) * d[b];
        for (int k = 0; k < 8; k++) {
            int sum = 0;
            for (int i = 4 * k; i < 4 * k + 4; i++) sum += w[i] * a[i];
            acc[k] = fmaf(scale, (float)sum, acc[k]);
        }
    }
    return lk_fold8(acc);
}

static int lk_detected_level = -1;
static int lk_level_cap = 2;

static int lk_detect_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c"))) return 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vnni")) return 2;
    return 1;
#else
    return 0;
#endif
}

int lk_kernel_level(void) {
    int detected = __atomic_load_n(&lk_detected_level, __ATOMIC_RELAXED);
    if (detected < 0) {
        detected = lk_detect_level();
        // LLMOPS_KERNEL_LEVEL caps the level, e.g. to time the AVX2 path on an AVX-512 machine.
        const char *cap = getenv("LLMOPS_KERNEL_LEVEL");
        if (cap && *cap >= '0' && *cap <= '2') __atomic_store_n(&lk_level_cap, *cap - '0', __ATOMIC_RELAXED);
        __atomic_store_n(&lk_detected_level, detected, __ATOMIC_RELAXED);
    }
    const int cap = __atomic_load_n(&lk_level_cap, __ATOMIC_RELAXED);
    return detected < cap ? detected : cap;
}

int lk_set_kernel_level(int level) {
    (void)lk_kernel_level();
    __atomic_store_n(&lk_level_cap, level < 0 ? 0 : level, __ATOMIC_RELAXED);
    return lk_kernel_level();
}

int lk_uses_avx2(void) { return lk_kernel_level() >= 1; }

void lk_matmul_q4_1(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, const float *xs, int n_tokens,
                    float *y, int y_stride) {
#if defined(__x86_64__)
    switch (lk_kernel_level()) {
    case 2: lk_q4_1_matmul_vnni(w, row_bytes, row_begin, row_end, blocks, xq, xd, xs, n_tokens, y, y_stride); return;
    case 1: lk_q4_1_matmul_avx2(w, row_bytes, row_begin, row_end, blocks, xq, xd, xs, n_tokens, y, y_stride); return;
    default: break;
    }
#endif
    for (int j = row_begin; j < row_end; j++) {
        const uint8_t *row = (const uint8_t *)w + (size_t)j * row_bytes;
        for (int t = 0; t < n_tokens; t++) {
            y[(size_t)t * y_stride + j] = dot_q4_1_portable(row, xq + (size_t)t * blocks * 32, xd + (size_t)t * blocks,
                                                            xs + (size_t)t * blocks, blocks);
        }
    }
}

void lk_matmul_q8_0(const void *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                    const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride) {
#if defined(__x86_64__)
    switch (lk_kernel_level()) {
    case 2: lk_q8_0_matmul_vnni(w, row_bytes, row_begin, row_end, blocks, xq, xd, n_tokens, y, y_stride); return;
    case 1: lk_q8_0_matmul_avx2(w, row_bytes, row_begin, row_end, blocks, xq, xd, n_tokens, y, y_stride); return;
    default: break;
    }
#endif
    for (int j = row_begin; j < row_end; j++) {
        const uint8_t *row = (const uint8_t *)w + (size_t)j * row_bytes;
        for (int t = 0; t < n_tokens; t++) {
            y[(size_t)t * y_stride + j] = dot_q8_0_portable(row, xq + (size_t)t * blocks * 32, xd + (size_t)t * blocks, blocks);
        }
    }
}

void lk_quantize_q8(const float *x, int blocks, int8_t *q, float *amax, int32_t *sums) {
#if defined(__x86_64__)
    if (lk_kernel_level() >= 1) { lk_quantize_q8_avx2(x, blocks, q, amax, sums); return; }
#endif
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
