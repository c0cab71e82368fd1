/* Validation of GEMM arguments (shared by the own kernels and the vendor bridge) and their reduction
 * to one row-major problem with element strides, which is all the driver and the packers see. */
#ifndef GB_GEMM_ARGS_H
#define GB_GEMM_ARGS_H

#include <stdint.h>

/* C (m x n, row stride ldc) = alpha * op(A) * op(B) + beta * C, with op(A)(i, p) = a[i*rsa + p*csa]
 * and op(B)(p, j) = b[p*rsb + j*csb]. Column-major calls become this by computing C^T = op(B)^T op(A)^T. */
typedef struct gb_gemm {
    int64_t m, n, k;
    const float *a;
    int64_t rsa, csa;
    const float *b;
    int64_t rsb, csb;
    float *c;
    int64_t ldc;
    float alpha, beta;
    /* Set when the column-major call was transposed: a per-column bias of the caller is then per row. */
    int swapped;
} gb_gemm;

/* Checks enums, sizes, leading dimensions, pointers and extents; a = b = NULL is allowed when the
 * product is not needed (k == 0 or alpha == 0). Returns a grimblas_status (the failure recorded). */
int gb_gemm_check(const char *function, int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k,
                  float alpha, const float *a, int64_t lda, const float *b, int64_t ldb, const float *c, int64_t ldc);

/* The row-major strided problem for arguments that passed gb_gemm_check. */
gb_gemm gb_gemm_normalize(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha,
                          const float *a, int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc);

int gb_check_threads(const char *function, int threads);

#endif
