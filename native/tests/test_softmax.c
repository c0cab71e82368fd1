/* Row softmax and log-softmax against double-precision formulas: widths around the vector lanes, large
 * logits (which overflow without the max shift), in place, empty input, and rows split over threads. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "grimblas.h"
#include "naive.h"

static void expected_rows(const float *x, float *y, int64_t rows, int64_t cols, int log_softmax)
{
    for (int64_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        double max = -INFINITY, sum = 0;
        for (int64_t j = 0; j < cols; j++) max = xr[j] > max ? xr[j] : max;
        for (int64_t j = 0; j < cols; j++) sum += exp(xr[j] - max);
        for (int64_t j = 0; j < cols; j++)
            y[r * cols + j] = (float)(log_softmax ? xr[j] - max - log(sum) : exp(xr[j] - max) / sum);
    }
}

static void run_case(int64_t rows, int64_t cols, float scale, int log_softmax, int in_place, int threads)
{
    int64_t count = rows * cols;
    float *x = malloc(sizeof(float) * (count + 1)), *y = malloc(sizeof(float) * (count + 1));
    float *expected = malloc(sizeof(float) * (count + 1));
    random_fill(x, count, 21);
    for (int64_t i = 0; i < count; i++) x[i] *= scale;
    expected_rows(x, expected, rows, cols, log_softmax);
    float *out = in_place ? x : y;
    int status = (log_softmax ? grimblas_log_softmax_rows : grimblas_softmax_rows)(x, out, rows, cols, threads);
    double error = max_scaled_error(out, expected, count);
    CHECK(status == GRIMBLAS_OK && error <= 2e-6, "rows=%lld cols=%lld scale=%g log=%d in_place=%d threads=%d: status %d, error %g",
          (long long)rows, (long long)cols, scale, log_softmax, in_place, threads, status, error);
    free(x), free(y), free(expected);
}

int main(void)
{
    const int64_t widths[] = {1, 7, 15, 16, 17, 33, 1000};
    for (int log_softmax = 0; log_softmax < 2; log_softmax++) {
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            run_case(5, widths[w], 4.0f, log_softmax, 0, 1);
            run_case(5, widths[w], 4.0f, log_softmax, 1, 1);
        }
        run_case(3, 40, 1000.0f, log_softmax, 0, 1); /* e^1000 overflows without the shift */
        run_case(300, 500, 3.0f, log_softmax, 0, 2);
    }
    CHECK(grimblas_softmax_rows(NULL, NULL, 0, 5, 1) == GRIMBLAS_OK, "empty input must succeed without pointers");
    float row[4] = {-INFINITY, 0, 0, -INFINITY};
    CHECK(grimblas_softmax_rows(row, row, 1, 4, 1) == GRIMBLAS_OK && row[0] == 0 && row[1] == 0.5f,
          "-inf logits must get probability 0: %g %g", row[0], row[1]);
    return check_exit_code("softmax");
}
