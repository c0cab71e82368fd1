#include "gemm_args.h"

#include <stddef.h>

#include "grimblas.h"
#include "status.h"

static int64_t max1(int64_t x) { return x > 1 ? x : 1; }

/* Elements from the first to one past the last of a rows x cols matrix with row stride ld must be
 * addressable in bytes; rows or cols of 0 touch nothing. */
static int extent_fits(int64_t rows, int64_t cols, int64_t ld)
{
    if (rows == 0 || cols == 0) return 1;
    int64_t elements;
    if (__builtin_mul_overflow(rows - 1, ld, &elements) || __builtin_add_overflow(elements, cols, &elements)) return 0;
    return elements <= (int64_t)(PTRDIFF_MAX / sizeof(float));
}

/* Checks one stored operand: stored_rows x stored_cols with row stride ld (row-major view of its storage). */
static int check_operand(const char *function, const char *name, const char *ld_name, int64_t stored_rows,
                         int64_t stored_cols, int64_t ld, const void *pointer, int needed)
{
    if (ld < max1(stored_cols))
        return gb_fail(GRIMBLAS_ERR_LEADING_DIM, "%s: %s=%lld is below %lld, the length of a stored row of %s",
                       function, ld_name, (long long)ld, (long long)max1(stored_cols), name);
    if (!extent_fits(stored_rows, stored_cols, ld))
        return gb_fail(GRIMBLAS_ERR_OVERFLOW, "%s: %s (%lld x %lld, %s=%lld) is larger than the address space",
                       function, name, (long long)stored_rows, (long long)stored_cols, ld_name, (long long)ld);
    if (needed && pointer == NULL) return gb_fail(GRIMBLAS_ERR_NULL_POINTER, "%s: %s is NULL", function, name);
    return GRIMBLAS_OK;
}

static int valid_transpose(int t) { return t == GRIMBLAS_NO_TRANS || t == GRIMBLAS_TRANS; }

int gb_check_threads(const char *function, int threads)
{
    return threads >= 1 ? GRIMBLAS_OK : gb_fail(GRIMBLAS_ERR_THREADS, "%s: threads=%d, must be at least 1", function, threads);
}

int gb_gemm_check(const char *function, int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k,
                  float alpha, const float *a, int64_t lda, const float *b, int64_t ldb, const float *c, int64_t ldc)
{
    if (layout != GRIMBLAS_ROW_MAJOR && layout != GRIMBLAS_COL_MAJOR)
        return gb_fail(GRIMBLAS_ERR_BAD_ENUM, "%s: layout=%d, expected %d (row-major) or %d (column-major)", function,
                       layout, GRIMBLAS_ROW_MAJOR, GRIMBLAS_COL_MAJOR);
    if (!valid_transpose(trans_a) || !valid_transpose(trans_b))
        return gb_fail(GRIMBLAS_ERR_BAD_ENUM, "%s: trans_a=%d, trans_b=%d, each must be %d or %d", function, trans_a,
                       trans_b, GRIMBLAS_NO_TRANS, GRIMBLAS_TRANS);
    if (m < 0 || n < 0 || k < 0)
        return gb_fail(GRIMBLAS_ERR_NEGATIVE_SIZE, "%s: m=%lld, n=%lld, k=%lld, none may be negative", function,
                       (long long)m, (long long)n, (long long)k);

    /* Storage of X as a row-major matrix: a column-major m x k matrix is stored like a row-major k x m one. */
    int row_major = layout == GRIMBLAS_ROW_MAJOR;
    int a_rows_are_m = (trans_a == GRIMBLAS_NO_TRANS) == row_major;
    int b_rows_are_k = (trans_b == GRIMBLAS_NO_TRANS) == row_major;
    int product_needed = m > 0 && n > 0 && k > 0 && alpha != 0.0f;
    int status = check_operand(function, "A", "lda", a_rows_are_m ? m : k, a_rows_are_m ? k : m, lda, a, product_needed);
    if (status == GRIMBLAS_OK)
        status = check_operand(function, "B", "ldb", b_rows_are_k ? k : n, b_rows_are_k ? n : k, ldb, b, product_needed);
    if (status == GRIMBLAS_OK)
        status = check_operand(function, "C", "ldc", row_major ? m : n, row_major ? n : m, ldc, c, m > 0 && n > 0);
    return status;
}

/* Strides (row, column) of op(X) for X stored with leading dimension ld. */
static void op_strides(int layout, int trans, int64_t ld, int64_t *rs, int64_t *cs)
{
    int rows_contiguous = (layout == GRIMBLAS_ROW_MAJOR) == (trans == GRIMBLAS_NO_TRANS);
    *rs = rows_contiguous ? ld : 1;
    *cs = rows_contiguous ? 1 : ld;
}

gb_gemm gb_gemm_normalize(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha,
                          const float *a, int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc)
{
    gb_gemm g = {.k = k, .c = c, .ldc = ldc, .alpha = alpha, .beta = beta};
    int64_t rsa, csa, rsb, csb;
    op_strides(layout, trans_a, lda, &rsa, &csa);
    op_strides(layout, trans_b, ldb, &rsb, &csb);
    if (layout == GRIMBLAS_ROW_MAJOR) {
        g.m = m, g.n = n;
        g.a = a, g.rsa = rsa, g.csa = csa;
        g.b = b, g.rsb = rsb, g.csb = csb;
    } else {
        /* Column-major C is row-major C^T (n x m); C^T = op(B)^T op(A)^T, and transposing a view swaps its strides. */
        g.m = n, g.n = m;
        g.a = b, g.rsa = csb, g.csa = rsb;
        g.b = a, g.rsb = csa, g.csb = rsa;
        g.swapped = 1;
    }
    return g;
}
