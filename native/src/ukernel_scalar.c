/* Portable 4 x 8 kernel: the fallback for CPUs without AVX2, and the baseline the tests compare. */
#include "ukernel.h"

enum { MR = 4, NR = 8 };

static void run(int64_t kc, const float *a, const float *b, float *c, int64_t ldc, int mr, int nr, float alpha,
                float beta)
{
    float acc[MR * NR] = {0};
    for (int64_t p = 0; p < kc; p++, a += MR, b += NR) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < NR; j++) acc[i * NR + j] += a[i] * b[j];
        }
    }
    gb_tile_update(acc, NR, c, ldc, mr, nr, alpha, beta);
}

const gb_ukernel gb_ukernel_scalar = {"scalar", MR, NR, 256, 240, 2048, run};
