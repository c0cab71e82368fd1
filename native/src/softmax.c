/* Row softmax and log-softmax over contiguous rows, rows split over threads. */
#include <math.h>

#include "gemm_args.h"
#include "grimblas.h"
#include "parallel.h"
#include "status.h"
#include "vmath.h"

/* A thread must get at least this many elements of streaming work to repay its start. */
enum { MIN_ELEMENTS_PER_THREAD = 1 << 16 };

/* One clone per vector width (the loader picks the widest the CPU runs); the inline helpers are compiled
 * into each clone. */
#define GB_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

typedef struct rows_job {
    const float *x;
    float *y;
    int64_t rows, cols;
    int log;
} rows_job;

/* Float reductions only vectorise when written lane-wise: LANES independent partial results, combined
 * at the end (a strict left-to-right sum or max would forbid reordering). */
enum { LANES = 16 };

static inline float row_max(const float *x, int64_t cols)
{
    float lane[LANES];
    for (int l = 0; l < LANES; l++) lane[l] = -__builtin_inff();
    int64_t j = 0;
    for (; j + LANES <= cols; j += LANES) {
        for (int l = 0; l < LANES; l++) lane[l] = x[j + l] > lane[l] ? x[j + l] : lane[l];
    }
    float max = -__builtin_inff();
    for (int l = 0; l < LANES; l++) max = lane[l] > max ? lane[l] : max;
    for (; j < cols; j++) max = x[j] > max ? x[j] : max;
    return max;
}

/* Sum of e^(x - shift), also stored to y unless y is NULL (the check is hoisted out of the loop). */
static inline float exp_shifted(const float *x, float *y, int64_t cols, float shift)
{
    float lane[LANES] = {0};
    int64_t j = 0;
    for (; j + LANES <= cols; j += LANES) {
        for (int l = 0; l < LANES; l++) {
            float e = gb_expf(x[j + l] - shift);
            if (y != NULL) y[j + l] = e;
            lane[l] += e;
        }
    }
    float sum = 0.0f;
    for (int l = 0; l < LANES; l++) sum += lane[l];
    for (; j < cols; j++) {
        float e = gb_expf(x[j] - shift);
        if (y != NULL) y[j] = e;
        sum += e;
    }
    return sum;
}

/* Subtracting the row maximum first keeps exp from overflowing and small outputs accurate. */
GB_CLONES
static void softmax_row(const float *x, float *y, int64_t cols)
{
    float inverse = 1.0f / exp_shifted(x, y, cols, row_max(x, cols));
    for (int64_t j = 0; j < cols; j++) y[j] *= inverse;
}

/* (x - max) - log sum; the exponentials are only summed, since y may alias x. */
GB_CLONES
static void log_softmax_row(const float *x, float *y, int64_t cols)
{
    float max = row_max(x, cols);
    float log_sum = logf(exp_shifted(x, NULL, cols, max));
    for (int64_t j = 0; j < cols; j++) y[j] = x[j] - max - log_sum;
}

static void run_rows(void *context, int task, int tasks)
{
    const rows_job *job = context;
    int64_t begin, end;
    gb_task_range(job->rows, task, tasks, &begin, &end);
    for (int64_t r = begin; r < end; r++) {
        const float *x = job->x + r * job->cols;
        float *y = job->y + r * job->cols;
        if (job->log)
            log_softmax_row(x, y, job->cols);
        else
            softmax_row(x, y, job->cols);
    }
}

static int rows(const char *function, const float *x, float *y, int64_t rows, int64_t cols, int threads, int log)
{
    if (rows < 0 || cols < 0)
        return gb_fail(GRIMBLAS_ERR_NEGATIVE_SIZE, "%s: rows=%lld, cols=%lld, neither may be negative", function,
                       (long long)rows, (long long)cols);
    int status = gb_check_threads(function, threads);
    if (status != GRIMBLAS_OK) return status;
    int64_t elements;
    if (__builtin_mul_overflow(rows, cols, &elements) || elements > (int64_t)(PTRDIFF_MAX / sizeof(float)))
        return gb_fail(GRIMBLAS_ERR_OVERFLOW, "%s: %lld x %lld elements are larger than the address space", function,
                       (long long)rows, (long long)cols);
    if (elements == 0) return GRIMBLAS_OK;
    if (x == NULL || y == NULL) return gb_fail(GRIMBLAS_ERR_NULL_POINTER, "%s: %s is NULL", function, x == NULL ? "x" : "y");
    int64_t tasks = elements / MIN_ELEMENTS_PER_THREAD;
    tasks = tasks < 1 ? 1 : (tasks > threads ? threads : tasks);
    rows_job job = {x, y, rows, cols, log};
    gb_run_tasks((int)tasks, run_rows, &job);
    return GRIMBLAS_OK;
}

int grimblas_softmax_rows(const float *x, float *y, int64_t n_rows, int64_t cols, int threads)
{
    return rows("grimblas_softmax_rows", x, y, n_rows, cols, threads, 0);
}

int grimblas_log_softmax_rows(const float *x, float *y, int64_t n_rows, int64_t cols, int threads)
{
    return rows("grimblas_log_softmax_rows", x, y, n_rows, cols, threads, 1);
}
