// Declarations shared between CLocalKernels' files; not part of the module's interface.
#ifndef LK_KERNELS_INTERNAL_H
#define LK_KERNELS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
// QuantizedRows.h compiled for AVX2/FMA/F16C (QuantizedAVX2.c) and for AVX-512 VNNI (QuantizedVNNI.c).
void lk_q4_1_matmul_avx2(const uint8_t *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                         const int8_t *xq, const float *xd, const float *xs, int n_tokens, float *y, int y_stride);
void lk_q8_0_matmul_avx2(const uint8_t *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                         const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride);
void lk_quantize_q8_avx2(const float *x, int blocks, int8_t *q, float *amax, int32_t *sums);
void lk_q4_1_matmul_vnni(const uint8_t *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                         const int8_t *xq, const float *xd, const float *xs, int n_tokens, float *y, int y_stride);
void lk_q8_0_matmul_vnni(const uint8_t *w, size_t row_bytes, int row_begin, int row_end, int blocks,
                         const int8_t *xq, const float *xd, int n_tokens, float *y, int y_stride);
#endif

#endif
