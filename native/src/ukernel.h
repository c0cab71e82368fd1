/* Register-tiled micro-kernels: each multiplies a packed MR x kc sliver of A by a packed kc x NR sliver
 * of B and updates an mr x nr (mr <= MR, nr <= NR) tile of C: C = alpha * A*B + beta * C, where beta == 0
 * means C is written without being read. One per instruction set; the CPU picks at run time. */
#ifndef GB_UKERNEL_H
#define GB_UKERNEL_H

#include <stdint.h>

typedef void (*gb_ukernel_fn)(int64_t kc, const float *a, const float *b, float *c, int64_t ldc, int mr, int nr,
                              float alpha, float beta);

typedef struct gb_ukernel {
    const char *isa; /* "avx512", "avx2", "scalar" */
    int mr, nr;      /* register tile */
    int kc, mc, nc;  /* cache blocks: B sliver in L1, A block in L2, B block in L3 */
    gb_ukernel_fn run;
} gb_ukernel;

extern const gb_ukernel gb_ukernel_avx512;
extern const gb_ukernel gb_ukernel_avx2;
extern const gb_ukernel gb_ukernel_scalar;

/* The widest micro-kernel this CPU supports. */
const gb_ukernel *gb_ukernel_best(void);

/* Every micro-kernel this CPU supports, widest first; returns how many (at most 3). Tests run each. */
int gb_ukernel_supported(const gb_ukernel **out);

/* Partial-tile update shared by every kernel: the MR x NR accumulator tile, already spilled to memory,
 * is applied to the mr x nr corner of C. Edge tiles are rare enough that scalar code costs nothing. */
static inline void gb_tile_update(const float *tile, int tile_nr, float *c, int64_t ldc, int mr, int nr, float alpha,
                                  float beta)
{
    for (int i = 0; i < mr; i++) {
        for (int j = 0; j < nr; j++) {
            float product = alpha * tile[i * tile_nr + j];
            c[i * ldc + j] = beta == 0.0f ? product : product + beta * c[i * ldc + j];
        }
    }
}

#endif
