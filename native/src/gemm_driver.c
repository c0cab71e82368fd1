#include "gemm_driver.h"

#include <stdlib.h>

#include "grimblas.h"
#include "pack.h"
#include "parallel.h"
#include "status.h"

/* Each extra thread must get at least this many flops, or starting it costs more than it saves. */
#define MIN_FLOPS_PER_THREAD 2000000.0

/* A slice of the problem for one thread, and where it sits in the caller's C (for the bias index). */
typedef struct slice {
    gb_gemm g;
    int64_t row0, col0;
} slice;

static int64_t round_up(int64_t x, int64_t multiple) { return (x + multiple - 1) / multiple * multiple; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Equal blocks of at most max rows, in whole slivers, so the last block is not a sliver. */
static int64_t balanced_block(int64_t m, int64_t max, int mr)
{
    int64_t blocks = (m + max - 1) / max;
    return min64(round_up((m + blocks - 1) / blocks, mr), round_up(max, mr));
}

static float *alloc_floats(int64_t count)
{
    return aligned_alloc(64, (size_t)round_up(count * (int64_t)sizeof(float), 64));
}

/* Loop nest: jc over N by nc (B block in L3), pc over K by kc (B sliver in L1), ic over M by mc (A block
 * in L2), then NR-wide B slivers, then MR-tall A slivers. */
static int run_serial(const gb_ukernel *uk, const slice *s, const gb_epilogue *e)
{
    const gb_gemm *g = &s->g;
    int64_t kc_max = min64(uk->kc, g->k);
    int64_t nc_max = min64(uk->nc, round_up(g->n, uk->nr));
    int64_t mc_block = balanced_block(g->m, uk->mc, uk->mr);
    float *b_pack = alloc_floats(kc_max * nc_max);
    float *a_pack = alloc_floats(kc_max * mc_block);
    if (b_pack == NULL || a_pack == NULL) {
        free(b_pack);
        free(a_pack);
        return GRIMBLAS_ERR_OUT_OF_MEMORY;
    }
    for (int64_t jc = 0; jc < g->n; jc += nc_max) {
        int64_t nc = min64(nc_max, g->n - jc);
        for (int64_t pc = 0; pc < g->k; pc += kc_max) {
            int64_t kc = min64(kc_max, g->k - pc);
            int last_k_block = pc + kc == g->k;
            float beta = pc == 0 ? g->beta : 1.0f; /* later k blocks accumulate onto the first */
            gb_pack_b(g->b + pc * g->rsb + jc * g->csb, g->rsb, g->csb, kc, nc, uk->nr, b_pack);
            for (int64_t ic = 0; ic < g->m; ic += mc_block) {
                int64_t mc = min64(mc_block, g->m - ic);
                gb_pack_a(g->a + ic * g->rsa + pc * g->csa, g->rsa, g->csa, mc, kc, uk->mr, a_pack);
                for (int64_t jr = 0; jr < nc; jr += uk->nr) {
                    int nr = (int)min64(uk->nr, nc - jr);
                    for (int64_t ir = 0; ir < mc; ir += uk->mr) {
                        int mr = (int)min64(uk->mr, mc - ir);
                        float *c = g->c + (ic + ir) * g->ldc + jc + jr;
                        uk->run(kc, a_pack + ir * kc, b_pack + jr * kc, c, g->ldc, mr, nr, g->alpha, beta);
                        if (last_k_block && e != NULL)
                            gb_epilogue_apply(e, c, g->ldc, s->row0 + ic + ir, s->col0 + jc + jr, mr, nr);
                    }
                }
            }
        }
    }
    free(b_pack);
    free(a_pack);
    return GRIMBLAS_OK;
}

typedef struct split {
    const gb_ukernel *uk;
    const gb_gemm *g;
    const gb_epilogue *e;
    int split_rows;     /* split M (else N) */
    int64_t tiles;      /* micro-tiles along the split side */
    int status[GB_MAX_TASKS]; /* per task, so threads never write the same word */
} split;

/* Task t gets a contiguous run of whole micro-tiles along the longer side; it packs its own panels, so
 * threads share nothing but the read-only operands. */
static void run_task(void *context, int task, int tasks)
{
    split *sp = context;
    const gb_gemm *g = sp->g;
    int64_t unit = sp->split_rows ? sp->uk->mr : sp->uk->nr, extent = sp->split_rows ? g->m : g->n;
    int64_t first, last;
    gb_task_range(sp->tiles, task, tasks, &first, &last);
    int64_t start = first * unit, end = min64(extent, last * unit);
    slice s = {*g, 0, 0};
    if (sp->split_rows) {
        s.g.m = end - start, s.g.a += start * g->rsa, s.g.c += start * g->ldc, s.row0 = start;
    } else {
        s.g.n = end - start, s.g.b += start * g->csb, s.g.c += start, s.col0 = start;
    }
    sp->status[task] = end > start ? run_serial(sp->uk, &s, sp->e) : GRIMBLAS_OK;
}

/* C = beta * C (beta == 0 clears without reading) when there is no product to add. */
static void scale_c(const gb_gemm *g)
{
    for (int64_t i = 0; i < g->m; i++) {
        float *row = g->c + i * g->ldc;
        for (int64_t j = 0; j < g->n; j++) row[j] = g->beta == 0.0f ? 0.0f : g->beta * row[j];
    }
}

int gb_gemm_run(const gb_ukernel *uk, const gb_gemm *g, const gb_epilogue *e, int threads)
{
    if (g->m == 0 || g->n == 0) return GRIMBLAS_OK;
    if (g->k == 0 || g->alpha == 0.0f) {
        scale_c(g);
        if (e != NULL) gb_epilogue_apply(e, g->c, g->ldc, 0, 0, g->m, g->n);
        return GRIMBLAS_OK;
    }
    split sp = {.uk = uk, .g = g, .e = e};
    int64_t m_tiles = (g->m + uk->mr - 1) / uk->mr, n_tiles = (g->n + uk->nr - 1) / uk->nr;
    sp.split_rows = m_tiles >= n_tiles;
    sp.tiles = sp.split_rows ? m_tiles : n_tiles;
    double flops = 2.0 * (double)g->m * (double)g->n * (double)g->k;
    int64_t tasks = min64(min64(threads, sp.tiles), (int64_t)(flops / MIN_FLOPS_PER_THREAD));
    tasks = tasks < 1 ? 1 : min64(tasks, GB_MAX_TASKS);
    gb_run_tasks((int)tasks, run_task, &sp);
    for (int t = 0; t < tasks; t++) {
        if (sp.status[t] != GRIMBLAS_OK)
            return gb_fail(sp.status[t], "sgemm: could not allocate packing buffers for a %lld x %lld x %lld product",
                           (long long)g->m, (long long)g->n, (long long)g->k);
    }
    return GRIMBLAS_OK;
}
