// QuantizedRows.h for AVX2: unsigned-by-signed byte products summed by maddubs + madd. The pair
// sums cannot saturate (nibbles are at most 15, |quants| at most 127).
#if defined(__x86_64__)
#define LK_TARGET "avx2,fma,f16c"
#define LK_SUFFIX avx2
#define LK_DOT_U8(u, s) _mm256_madd_epi16(_mm256_maddubs_epi16((u), (s)), _mm256_set1_epi16(1))
#define LK_WITH_QUANTIZE 1
#include "QuantizedRows.h"
#endif
