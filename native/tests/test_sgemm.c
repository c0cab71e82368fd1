/* SGEMM of every micro-kernel this CPU runs, against the naive triple loop: both layouts, all four
 * transpose pairs, several alpha/beta, odd sizes that leave partial tiles and cross every cache block,
 * padded leading dimensions, and one and two threads. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "gemm_args.h"
#include "gemm_driver.h"
#include "grimblas.h"
#include "naive.h"
#include "ukernel.h"

typedef struct shape {
    int64_t m, n, k;
    int threads;
} shape;

/* Partial tiles (1, 7, 13), k over two kc blocks (300), m over an mc block (250), n over an nc block
 * (4100), and a product big enough to be split between two threads. */
static const shape shapes[] = {
    {1, 1, 1, 1}, {7, 13, 5, 1}, {13, 7, 300, 1}, {67, 45, 33, 2}, {250, 33, 17, 1}, {3, 4100, 3, 1}, {211, 97, 300, 2},
};

static const float alphas[] = {1.0f, 0.5f, 2.0f, 0.0f};
static const float betas[] = {0.0f, -2.0f, 1.0f, 0.5f};

static int64_t stored_rows(int layout, int trans, int64_t rows, int64_t cols)
{
    return (layout == GRIMBLAS_ROW_MAJOR) == (trans == GRIMBLAS_NO_TRANS) ? rows : cols;
}

/* One case: op(A) m x k, op(B) k x n, leading dimensions padded by 3. */
static void run_case(const gb_ukernel *uk, int layout, int ta, int tb, shape s, float alpha, float beta)
{
    int64_t a_rows = stored_rows(layout, ta, s.m, s.k), a_cols = s.m * s.k / (a_rows ? a_rows : 1);
    int64_t b_rows = stored_rows(layout, tb, s.k, s.n), b_cols = s.k * s.n / (b_rows ? b_rows : 1);
    int64_t c_rows = layout == GRIMBLAS_ROW_MAJOR ? s.m : s.n, c_cols = s.m * s.n / c_rows;
    int64_t lda = a_cols + 3, ldb = b_cols + 3, ldc = c_cols + 3;
    float *a = malloc(sizeof(float) * a_rows * lda), *b = malloc(sizeof(float) * b_rows * ldb);
    float *c = malloc(sizeof(float) * c_rows * ldc), *expected = malloc(sizeof(float) * c_rows * ldc);
    random_fill(a, a_rows * lda, 1);
    random_fill(b, b_rows * ldb, 2);
    random_fill(c, c_rows * ldc, 3);
    if (beta == 0.0f) c[0] = NAN; /* beta == 0 must overwrite C without reading it */
    for (int64_t i = 0; i < c_rows * ldc; i++) expected[i] = c[i];

    naive_sgemm(layout, ta, tb, s.m, s.n, s.k, alpha, a, lda, b, ldb, beta, expected, ldc);
    int status = gb_gemm_check("test", layout, ta, tb, s.m, s.n, s.k, alpha, a, lda, b, ldb, c, ldc);
    gb_gemm g = gb_gemm_normalize(layout, ta, tb, s.m, s.n, s.k, alpha, a, lda, b, ldb, beta, c, ldc);
    if (status == GRIMBLAS_OK) status = gb_gemm_run(uk, &g, NULL, s.threads);

    /* Float accumulation over k terms of magnitude <= 1 against a double sum. */
    double error = max_scaled_error(c, expected, c_rows * ldc), bound = 2e-6 * (double)(s.k + 1);
    CHECK(status == GRIMBLAS_OK && error <= bound,
          "%s layout=%d ta=%d tb=%d m=%lld n=%lld k=%lld threads=%d alpha=%g beta=%g: status %d, error %g > %g",
          uk->isa, layout, ta, tb, (long long)s.m, (long long)s.n, (long long)s.k, s.threads, alpha, beta, status, error,
          bound);
    free(a), free(b), free(c), free(expected);
}

int main(void)
{
    const gb_ukernel *kernels[3];
    int count = gb_ukernel_supported(kernels);
    const int layouts[] = {GRIMBLAS_ROW_MAJOR, GRIMBLAS_COL_MAJOR};
    const int transposes[] = {GRIMBLAS_NO_TRANS, GRIMBLAS_TRANS};
    for (int u = 0; u < count; u++) {
        printf("micro-kernel %s (%d x %d)\n", kernels[u]->isa, kernels[u]->mr, kernels[u]->nr);
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
            for (int l = 0; l < 2; l++)
                for (int ta = 0; ta < 2; ta++)
                    for (int tb = 0; tb < 2; tb++)
                        for (size_t ab = 0; ab < sizeof alphas / sizeof alphas[0]; ab++)
                            run_case(kernels[u], layouts[l], transposes[ta], transposes[tb], shapes[s], alphas[ab], betas[ab]);
    }

    /* The public entry point runs the best kernel. */
    float a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {1, 0, 0, 1, 1, 1}, c[4] = {0};
    CHECK(grimblas_sgemm(GRIMBLAS_ROW_MAJOR, GRIMBLAS_NO_TRANS, GRIMBLAS_NO_TRANS, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 2, 1) == GRIMBLAS_OK,
          "public sgemm failed: %s", grimblas_last_error());
    CHECK(c[0] == 4 && c[1] == 5 && c[2] == 10 && c[3] == 11, "public sgemm gave %g %g %g %g", c[0], c[1], c[2], c[3]);
    printf("best kernel: %s, version %s\n", grimblas_kernel_isa(), grimblas_version());
    return check_exit_code("sgemm");
}
