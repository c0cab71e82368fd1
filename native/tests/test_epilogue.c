/* grimblas_sgemm_bias_act against the naive product followed by libm's activation, for every activation,
 * both layouts, with and without a bias, on sizes with partial tiles, one and two threads. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "grimblas.h"
#include "naive.h"

static double activate(int activation, double x)
{
    switch (activation) {
    case GRIMBLAS_ACT_RELU: return x < 0 ? 0 : x;
    case GRIMBLAS_ACT_SIGMOID: return 1 / (1 + exp(-x));
    case GRIMBLAS_ACT_TANH: return tanh(x);
    default: return x;
    }
}

static void run_case(int layout, int64_t m, int64_t n, int64_t k, int with_bias, int activation, int threads)
{
    /* Row-major A (m x k), B (k x n); column-major callers pass the same arrays as their transposes. */
    float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n), *bias = malloc(sizeof(float) * n);
    float *c = malloc(sizeof(float) * m * n), *expected = malloc(sizeof(float) * m * n);
    random_fill(a, m * k, 11);
    random_fill(b, k * n, 12);
    random_fill(bias, n, 13);
    for (int64_t i = 0; i < m * n; i++) c[i] = NAN; /* the output is written, never read */
    naive_sgemm(GRIMBLAS_ROW_MAJOR, GRIMBLAS_NO_TRANS, GRIMBLAS_NO_TRANS, m, n, k, 1.0f, a, k, b, n, 0.0f, expected, n);
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
            expected[i * n + j] = (float)activate(activation, expected[i * n + j] + (with_bias ? bias[j] : 0.0f));

    int64_t lda = k > 0 ? k : 1; /* BLAS rules: a leading dimension is at least 1 */
    int status;
    if (layout == GRIMBLAS_ROW_MAJOR) {
        status = grimblas_sgemm_bias_act(layout, GRIMBLAS_NO_TRANS, GRIMBLAS_NO_TRANS, m, n, k, a, lda, b, n,
                                         with_bias ? bias : NULL, activation, c, n, threads);
    } else {
        /* Column-major C with ldc = n holds C^T row-major; A^T and B^T in column-major are A and B row-major. */
        status = grimblas_sgemm_bias_act(layout, GRIMBLAS_TRANS, GRIMBLAS_TRANS, m, n, k, a, lda, b, n,
                                         with_bias ? bias : NULL, activation, c, m, threads);
        float *row_major = malloc(sizeof(float) * m * n);
        for (int64_t i = 0; i < m; i++)
            for (int64_t j = 0; j < n; j++) row_major[i * n + j] = c[j * m + i];
        free(c);
        c = row_major;
    }
    double error = max_scaled_error(c, expected, m * n), bound = 2e-6 * (double)(k + 1);
    CHECK(status == GRIMBLAS_OK && error <= bound, "layout=%d m=%lld n=%lld k=%lld bias=%d act=%d threads=%d: status %d (%s), error %g",
          layout, (long long)m, (long long)n, (long long)k, with_bias, activation, threads, status,
          grimblas_last_error(), error);
    free(a), free(b), free(bias), free(c), free(expected);
}

int main(void)
{
    const int layouts[] = {GRIMBLAS_ROW_MAJOR, GRIMBLAS_COL_MAJOR};
    for (int l = 0; l < 2; l++)
        for (int act = GRIMBLAS_ACT_NONE; act <= GRIMBLAS_ACT_TANH; act++)
            for (int bias = 0; bias < 2; bias++) {
                run_case(layouts[l], 13, 37, 9, bias, act, 1);
                run_case(layouts[l], 150, 70, 300, bias, act, 2);
                run_case(layouts[l], 5, 3, 0, bias, act, 1); /* k = 0: act(bias) alone */
            }
    return check_exit_code("epilogue");
}
