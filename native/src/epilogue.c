#include "epilogue.h"

#include "grimblas.h"
#include "vmath.h"

/* One clone per vector width; the loader picks the widest the CPU runs. */
#define GB_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

GB_CLONES
static void activate_row(float *row, int64_t cols, int activation)
{
    switch (activation) {
    case GRIMBLAS_ACT_RELU:
        for (int64_t j = 0; j < cols; j++) row[j] = row[j] < 0.0f ? 0.0f : row[j]; /* NaN stays NaN */
        break;
    case GRIMBLAS_ACT_SIGMOID:
        for (int64_t j = 0; j < cols; j++) row[j] = gb_sigmoidf(row[j]);
        break;
    case GRIMBLAS_ACT_TANH:
        for (int64_t j = 0; j < cols; j++) row[j] = gb_tanhf(row[j]);
        break;
    default:
        break;
    }
}

GB_CLONES
static void add_bias_row(float *row, int64_t cols, const float *bias_by_column, float bias_for_row)
{
    if (bias_by_column != NULL) {
        for (int64_t j = 0; j < cols; j++) row[j] += bias_by_column[j];
    } else {
        for (int64_t j = 0; j < cols; j++) row[j] += bias_for_row;
    }
}

void gb_epilogue_apply(const gb_epilogue *e, float *c, int64_t ldc, int64_t row0, int64_t col0, int64_t rows,
                       int64_t cols)
{
    for (int64_t i = 0; i < rows; i++) {
        float *row = c + i * ldc;
        if (e->bias != NULL)
            add_bias_row(row, cols, e->bias_per_row ? NULL : e->bias + col0, e->bias_per_row ? e->bias[row0 + i] : 0.0f);
        activate_row(row, cols, e->activation);
    }
}
