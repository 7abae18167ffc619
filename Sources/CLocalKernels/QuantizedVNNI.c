// QuantizedRows.h for AVX-512 VNNI (on 256-bit registers): one dpbusd per block instead of
// maddubs + madd, the same exact integer lane sums.
#if defined(__x86_64__)
#define LK_TARGET "avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512vnni"
#define LK_SUFFIX vnni
#define LK_DOT_U8(u, s) _mm256_dpbusd_epi32(_mm256_setzero_si256(), (u), (s))
#include "QuantizedRows.h"
#endif
