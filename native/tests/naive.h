/* Oracles for the C tests: textbook loops in double precision, and a reproducible random fill. */
#ifndef GB_NAIVE_H
#define GB_NAIVE_H

#include <stdint.h>

/* C = alpha * op(A) * op(B) + beta * C in the given CBLAS layout, accumulated in double. */
void naive_sgemm(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                 int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc);

/* Uniform values in [-1, 1) from a fixed-seed xorshift generator. */
void random_fill(float *x, int64_t count, uint32_t seed);

/* Largest |x - y| / (1 + |y|) over count elements. */
double max_scaled_error(const float *x, const float *y, int64_t count);

#endif
