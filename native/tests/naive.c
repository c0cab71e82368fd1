#include "naive.h"

#include <math.h>

#include "grimblas.h"

/* Element (r, c) of op(X) for X stored in layout with leading dimension ld. */
static float at(int layout, int trans, const float *x, int64_t ld, int64_t r, int64_t c)
{
    int64_t row = trans == GRIMBLAS_TRANS ? c : r, col = trans == GRIMBLAS_TRANS ? r : c;
    return layout == GRIMBLAS_ROW_MAJOR ? x[row * ld + col] : x[col * ld + row];
}

void naive_sgemm(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                 int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc)
{
    for (int64_t i = 0; i < m; i++) {
        for (int64_t j = 0; j < n; j++) {
            double sum = 0;
            for (int64_t p = 0; p < k; p++) sum += (double)at(layout, trans_a, a, lda, i, p) * at(layout, trans_b, b, ldb, p, j);
            float *cij = layout == GRIMBLAS_ROW_MAJOR ? &c[i * ldc + j] : &c[j * ldc + i];
            *cij = (float)(alpha * sum + (beta == 0.0f ? 0.0 : (double)beta * *cij));
        }
    }
}

void random_fill(float *x, int64_t count, uint32_t seed)
{
    uint32_t s = seed * 2654435761u + 1;
    for (int64_t i = 0; i < count; i++) {
        s ^= s << 13, s ^= s >> 17, s ^= s << 5;
        x[i] = (float)((double)s / 2147483648.0 - 1.0);
    }
}

double max_scaled_error(const float *x, const float *y, int64_t count)
{
    double worst = 0;
    for (int64_t i = 0; i < count; i++) {
        double e = fabs((double)x[i] - y[i]) / (1.0 + fabs((double)y[i]));
        if (!(e <= worst)) worst = e; /* also catches NaN */
    }
    return worst;
}
