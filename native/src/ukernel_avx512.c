/* AVX-512 12 x 32 kernel: 24 zmm accumulators + 2 B vectors + 1 broadcast = 27 of 32 registers; per k step
 * 2 loads, 12 broadcasts and 24 FMAs. Compiled with -mavx512f (see CMakeLists.txt) and only called after
 * gb_ukernel_supported saw AVX-512F. */
#include <immintrin.h>

#include "ukernel.h"

enum { MR = 12, NR = 32 };

/* Prefetch C this many k steps before the end, so it arrives as the FMAs finish but is not evicted by the
 * A and B streams first. */
enum { C_PREFETCH_STEPS = 64 };

#define ROW(i)                                                                                                         \
    x = _mm512_set1_ps(a[i]);                                                                                          \
    c##i##0 = _mm512_fmadd_ps(x, b0, c##i##0);                                                                         \
    c##i##1 = _mm512_fmadd_ps(x, b1, c##i##1);

#define STORE_FULL(i)                                                                                                  \
    store_row(c + (i) * ldc, c##i##0, c##i##1, alpha, beta);

#define SPILL(i)                                                                                                       \
    _mm512_storeu_ps(tile + (i) * NR, c##i##0);                                                                        \
    _mm512_storeu_ps(tile + (i) * NR + 16, c##i##1);

static inline void store_row(float *c, __m512 lo, __m512 hi, float alpha, float beta)
{
    __m512 va = _mm512_set1_ps(alpha);
    if (beta == 0.0f) {
        _mm512_storeu_ps(c, _mm512_mul_ps(va, lo));
        _mm512_storeu_ps(c + 16, _mm512_mul_ps(va, hi));
    } else {
        __m512 vb = _mm512_set1_ps(beta);
        _mm512_storeu_ps(c, _mm512_fmadd_ps(vb, _mm512_loadu_ps(c), _mm512_mul_ps(va, lo)));
        _mm512_storeu_ps(c + 16, _mm512_fmadd_ps(vb, _mm512_loadu_ps(c + 16), _mm512_mul_ps(va, hi)));
    }
}

static void run(int64_t kc, const float *a, const float *b, float *c, int64_t ldc, int mr, int nr, float alpha,
                float beta)
{
    __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
           c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00,
           c81 = c00, c90 = c00, c91 = c00, c100 = c00, c101 = c00, c110 = c00, c111 = c00;
    int64_t prefetch_at = kc > C_PREFETCH_STEPS ? kc - C_PREFETCH_STEPS : 0;
    for (int64_t p = 0; p < kc; p++, a += MR, b += NR) {
        if (p == prefetch_at) {
            for (int i = 0; i < mr; i++) {
                _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
                _mm_prefetch((const char *)(c + i * ldc + NR - 1), _MM_HINT_T0);
            }
        }
        __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16), x;
        ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5) ROW(6) ROW(7) ROW(8) ROW(9) ROW(10) ROW(11)
    }
    if (mr == MR && nr == NR) {
        STORE_FULL(0) STORE_FULL(1) STORE_FULL(2) STORE_FULL(3) STORE_FULL(4) STORE_FULL(5)
        STORE_FULL(6) STORE_FULL(7) STORE_FULL(8) STORE_FULL(9) STORE_FULL(10) STORE_FULL(11)
        return;
    }
    float tile[MR * NR] __attribute__((aligned(64)));
    SPILL(0) SPILL(1) SPILL(2) SPILL(3) SPILL(4) SPILL(5) SPILL(6) SPILL(7) SPILL(8) SPILL(9) SPILL(10) SPILL(11)
    gb_tile_update(tile, NR, c, ldc, mr, nr, alpha, beta);
}

const gb_ukernel gb_ukernel_avx512 = {"avx512", MR, NR, 256, 192, 4096, run};
