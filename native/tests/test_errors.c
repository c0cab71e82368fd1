/* Every error code: the status returned, the fixed text, and the per-thread description naming the
 * argument. Nothing may be written on failure, and nothing may abort. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "grimblas.h"

#define ROW GRIMBLAS_ROW_MAJOR
#define COL GRIMBLAS_COL_MAJOR
#define NT GRIMBLAS_NO_TRANS
#define T GRIMBLAS_TRANS

static float a[64], b[64], c[64];

static void expect(int status, int expected, const char *needle, const char *what)
{
    CHECK(status == expected, "%s: status %d (%s), expected %d", what, status, grimblas_status_string(status), expected);
    CHECK(strstr(grimblas_last_error(), needle) != NULL, "%s: message '%s' lacks '%s'", what, grimblas_last_error(), needle);
}

int main(void)
{
    expect(grimblas_sgemm(7, NT, NT, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_BAD_ENUM, "layout=7", "bad layout");
    expect(grimblas_sgemm(ROW, 113, NT, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_BAD_ENUM, "trans_a=113", "bad transpose");
    expect(grimblas_sgemm(ROW, NT, NT, -1, 2, 2, 1, a, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_NEGATIVE_SIZE, "m=-1", "negative m");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 2, -3, 1, a, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_NEGATIVE_SIZE, "k=-3", "negative k");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 3, 4, 1, a, 3, b, 3, 0, c, 3, 1), GRIMBLAS_ERR_LEADING_DIM, "lda=3", "row-major lda < k");
    expect(grimblas_sgemm(ROW, T, NT, 2, 3, 4, 1, a, 1, b, 3, 0, c, 3, 1), GRIMBLAS_ERR_LEADING_DIM, "lda=1", "transposed lda < m");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 3, 4, 1, a, 4, b, 2, 0, c, 3, 1), GRIMBLAS_ERR_LEADING_DIM, "ldb=2", "ldb < n");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 3, 4, 1, a, 4, b, 3, 0, c, 2, 1), GRIMBLAS_ERR_LEADING_DIM, "ldc=2", "ldc < n");
    expect(grimblas_sgemm(COL, NT, NT, 5, 3, 4, 1, a, 5, b, 4, 0, c, 4, 1), GRIMBLAS_ERR_LEADING_DIM, "ldc=4", "column-major ldc < m");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 2, 2, 1, NULL, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_NULL_POINTER, "A is NULL", "null A");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 2, 2, 1, a, 2, b, 2, 0, NULL, 2, 1), GRIMBLAS_ERR_NULL_POINTER, "C is NULL", "null C");
    expect(grimblas_sgemm(ROW, NT, NT, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2, 0), GRIMBLAS_ERR_THREADS, "threads=0", "zero threads");
    expect(grimblas_sgemm(ROW, NT, NT, INT64_MAX / 2, 2, 2, 1, a, 2, b, 2, 0, c, 2, 1), GRIMBLAS_ERR_OVERFLOW, "A (",
           "extent overflow");
    expect(grimblas_sgemm_bias_act(ROW, NT, NT, 2, 2, 2, a, 2, b, 2, NULL, 9, c, 2, 1), GRIMBLAS_ERR_BAD_ENUM, "activation=9",
           "bad activation");
    expect(grimblas_softmax_rows(a, c, -1, 4, 1), GRIMBLAS_ERR_NEGATIVE_SIZE, "rows=-1", "negative rows");
    expect(grimblas_log_softmax_rows(NULL, c, 2, 4, 1), GRIMBLAS_ERR_NULL_POINTER, "x is NULL", "null x");
    expect(grimblas_softmax_rows(a, c, INT64_MAX, 4, 1), GRIMBLAS_ERR_OVERFLOW, "larger than the address space", "rows overflow");
    expect(grimblas_vendor_probe(99), GRIMBLAS_ERR_BAD_ENUM, "vendor=99", "bad vendor");
    expect(grimblas_vendor_sgemm(GRIMBLAS_VENDOR_OPENBLAS, ROW, NT, NT, 2, 2, 2, 1, a, 1, b, 2, 0, c, 2, 1),
           GRIMBLAS_ERR_LEADING_DIM, "lda=1", "vendor call checked before loading");

    /* Failures leave C untouched. */
    c[0] = 42;
    grimblas_sgemm(ROW, NT, NT, 2, 3, 4, 1, a, 3, b, 3, 0, c, 3, 1);
    CHECK(c[0] == 42, "a rejected call wrote C");

    /* Degenerate but valid: nothing to compute, so no pointers are needed. */
    CHECK(grimblas_sgemm(ROW, NT, NT, 0, 0, 0, 1, NULL, 1, NULL, 1, 0, NULL, 1, 1) == GRIMBLAS_OK, "empty product: %s", grimblas_last_error());
    CHECK(grimblas_sgemm(ROW, NT, NT, 2, 2, 0, 1, NULL, 1, NULL, 2, 0, c, 2, 1) == GRIMBLAS_OK && c[0] == 0, "k = 0 must clear C");

    for (int s = GRIMBLAS_OK; s >= GRIMBLAS_ERR_TOO_LARGE; s--)
        CHECK(strcmp(grimblas_status_string(s), "unknown status") != 0, "status %d has no text", s);
    CHECK(strcmp(grimblas_status_string(-100), "unknown status") == 0, "unknown codes must say so");
    return check_exit_code("errors");
}
