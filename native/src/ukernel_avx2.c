/* AVX2 6 x 16 kernel: 12 ymm accumulators + 2 B vectors + 1 broadcast = 15 of 16 registers; per k step
 * 2 loads, 6 broadcasts and 12 FMAs. Compiled with -mavx2 -mfma (see CMakeLists.txt) and only called after
 * gb_ukernel_supported saw AVX2 and FMA. */
#include <immintrin.h>

#include "ukernel.h"

enum { MR = 6, NR = 16 };

#define ROW(i)                                                                                                         \
    x = _mm256_broadcast_ss(a + (i));                                                                                  \
    c##i##0 = _mm256_fmadd_ps(x, b0, c##i##0);                                                                         \
    c##i##1 = _mm256_fmadd_ps(x, b1, c##i##1);

#define STORE_FULL(i) store_row(c + (i) * ldc, c##i##0, c##i##1, alpha, beta);

#define SPILL(i)                                                                                                       \
    _mm256_storeu_ps(tile + (i) * NR, c##i##0);                                                                        \
    _mm256_storeu_ps(tile + (i) * NR + 8, c##i##1);

static inline void store_row(float *c, __m256 lo, __m256 hi, float alpha, float beta)
{
    __m256 va = _mm256_set1_ps(alpha);
    if (beta == 0.0f) {
        _mm256_storeu_ps(c, _mm256_mul_ps(va, lo));
        _mm256_storeu_ps(c + 8, _mm256_mul_ps(va, hi));
    } else {
        __m256 vb = _mm256_set1_ps(beta);
        _mm256_storeu_ps(c, _mm256_fmadd_ps(vb, _mm256_loadu_ps(c), _mm256_mul_ps(va, lo)));
        _mm256_storeu_ps(c + 8, _mm256_fmadd_ps(vb, _mm256_loadu_ps(c + 8), _mm256_mul_ps(va, hi)));
    }
}

static void run(int64_t kc, const float *a, const float *b, float *c, int64_t ldc, int mr, int nr, float alpha,
                float beta)
{
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
           c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int64_t p = 0; p < kc; p++, a += MR, b += NR) {
        __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8), x;
        ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5)
    }
    if (mr == MR && nr == NR) {
        STORE_FULL(0) STORE_FULL(1) STORE_FULL(2) STORE_FULL(3) STORE_FULL(4) STORE_FULL(5)
        return;
    }
    float tile[MR * NR] __attribute__((aligned(32)));
    SPILL(0) SPILL(1) SPILL(2) SPILL(3) SPILL(4) SPILL(5)
    gb_tile_update(tile, NR, c, ldc, mr, nr, alpha, beta);
}

const gb_ukernel gb_ukernel_avx2 = {"avx2", MR, NR, 256, 192, 4096, run};
