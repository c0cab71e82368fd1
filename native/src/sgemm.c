/* Public GEMM entry points: check, normalise to the row-major problem, run the best micro-kernel. */
#include <stddef.h>

#include "epilogue.h"
#include "gemm_args.h"
#include "gemm_driver.h"
#include "grimblas.h"
#include "status.h"
#include "ukernel.h"

int grimblas_sgemm(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                   int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc, int threads)
{
    int status = gb_gemm_check("grimblas_sgemm", layout, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc);
    if (status == GRIMBLAS_OK) status = gb_check_threads("grimblas_sgemm", threads);
    if (status != GRIMBLAS_OK) return status;
    gb_gemm g = gb_gemm_normalize(layout, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return gb_gemm_run(gb_ukernel_best(), &g, NULL, threads);
}

int grimblas_sgemm_bias_act(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, const float *a,
                            int64_t lda, const float *b, int64_t ldb, const float *bias, int activation, float *c,
                            int64_t ldc, int threads)
{
    const char *function = "grimblas_sgemm_bias_act";
    int status = gb_gemm_check(function, layout, trans_a, trans_b, m, n, k, 1.0f, a, lda, b, ldb, c, ldc);
    if (status == GRIMBLAS_OK) status = gb_check_threads(function, threads);
    if (status != GRIMBLAS_OK) return status;
    if (activation < GRIMBLAS_ACT_NONE || activation > GRIMBLAS_ACT_TANH)
        return gb_fail(GRIMBLAS_ERR_BAD_ENUM, "%s: activation=%d, expected 0 (none), 1 (relu), 2 (sigmoid) or 3 (tanh)",
                       function, activation);
    gb_gemm g = gb_gemm_normalize(layout, trans_a, trans_b, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
    gb_epilogue e = {bias, g.swapped, activation};
    return gb_gemm_run(gb_ukernel_best(), &g, &e, threads);
}

const char *grimblas_version(void) { return GRIMBLAS_VERSION; }
