/* exp, sigmoid and tanh as branch-free float code the compiler vectorises (the callers are built with
 * target_clones), with the same constants as the engine's managed VMath so both backends compute the
 * same function: a few ulp from the correctly rounded result, exact saturation, NaN propagated. */
#ifndef GB_VMATH_H
#define GB_VMATH_H

#include <stdint.h>
#include <string.h>

static inline float gb_pow2i(float n) /* 2^n for integral n in [-126, 127] */
{
    int32_t bits = ((int32_t)n + 127) << 23;
    float result;
    memcpy(&result, &bits, sizeof result);
    return result;
}

/* e^x = 2^n * e^r with r = x - n ln2 in [-ln2/2, ln2/2], e^r by a degree-7 Taylor polynomial. */
static inline float gb_expf(float x)
{
    const float exp_max = 88.72283172607422f; /* largest float whose e^x is finite */
    const float exp_min = -87.3365447504019f; /* e^x is subnormal below: flushed to 0 */
    float clamped = x < exp_min ? exp_min : (x > exp_max ? exp_max : x);
    float n = __builtin_rintf(clamped * 1.44269504088896341f);
    /* ln 2 split so n * hi is exact for |n| < 2^9 (Cody-Waite range reduction). */
    float r = __builtin_fmaf(n, -0.693359375f, clamped);
    r = __builtin_fmaf(n, 2.12194440e-4f, r);
    float p = 1.0f / 720;
    p = __builtin_fmaf(p, r, 1.0f / 120);
    p = __builtin_fmaf(p, r, 1.0f / 24);
    p = __builtin_fmaf(p, r, 1.0f / 6);
    p = __builtin_fmaf(p, r, 0.5f);
    p = __builtin_fmaf(p, r, 1.0f);
    p = __builtin_fmaf(p, r, 1.0f);
    /* n reaches 128 at exp_max: scale in two halves so 2^n never leaves the normal range. */
    float half = __builtin_rintf(n * 0.5f);
    float result = p * gb_pow2i(half) * gb_pow2i(n - half);
    result = x < exp_min ? 0.0f : result;
    result = x > exp_max ? __builtin_inff() : result;
    return x != x ? x : result;
}

static inline float gb_sigmoidf(float x) { return 1.0f / (1.0f + gb_expf(-x)); }

/* Small |x|: odd minimax polynomial (no cancellation); otherwise 1 - 2/(e^{2|x|} + 1) with x's sign. */
static inline float gb_tanhf(float x)
{
    float ax = __builtin_fabsf(x);
    float large = 1.0f - 2.0f / (gb_expf(2.0f * ax) + 1.0f);
    large = x < 0.0f ? -large : large;
    float z = x * x;
    float p = -5.70498872745e-3f;
    p = __builtin_fmaf(p, z, 2.06390887954e-2f);
    p = __builtin_fmaf(p, z, -5.37397155531e-2f);
    p = __builtin_fmaf(p, z, 1.33314422036e-1f);
    p = __builtin_fmaf(p, z, -3.33332819422e-1f);
    float small = __builtin_fmaf(p * z, x, x);
    float result = ax < 0.625f ? small : large;
    result = x == 0.0f ? x : result; /* keeps tanh(-0) = -0 */
    return x != x ? x : result;
}

#endif
