#include "pack.h"

/* Both packers are one routine: a sliver is `width` lines of the block laid side by side, step by step
 * along the shared dimension. For A a line is a row of op(A); for B a column of op(B). */
static void pack_slivers(const float *x, int64_t line_stride, int64_t step_stride, int64_t lines, int64_t steps,
                         int width, float *out)
{
    for (int64_t first = 0; first < lines; first += width, out += steps * width) {
        int live = lines - first < width ? (int)(lines - first) : width;
        const float *base = x + first * line_stride;
        if (line_stride == 1) {
            /* The sliver's lines are adjacent in memory: each step is one contiguous run. */
            for (int64_t p = 0; p < steps; p++) {
                const float *src = base + p * step_stride;
                float *dst = out + p * width;
                for (int l = 0; l < live; l++) dst[l] = src[l];
                for (int l = live; l < width; l++) dst[l] = 0.0f;
            }
        } else {
            for (int l = 0; l < live; l++) {
                const float *src = base + l * line_stride;
                for (int64_t p = 0; p < steps; p++) out[p * width + l] = src[p * step_stride];
            }
            for (int l = live; l < width; l++) {
                for (int64_t p = 0; p < steps; p++) out[p * width + l] = 0.0f;
            }
        }
    }
}

void gb_pack_a(const float *a, int64_t rs, int64_t cs, int64_t mc, int64_t kc, int mr, float *out)
{
    pack_slivers(a, rs, cs, mc, kc, mr, out);
}

void gb_pack_b(const float *b, int64_t rs, int64_t cs, int64_t kc, int64_t nc, int nr, float *out)
{
    pack_slivers(b, cs, rs, nc, kc, nr, out);
}
