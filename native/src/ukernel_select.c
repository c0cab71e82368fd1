#include "grimblas.h"
#include "ukernel.h"

/* __builtin_cpu_supports reads CPUID once; it also sees what the OS enabled (XSAVE state for zmm). */
static int has_avx512(void) { return __builtin_cpu_supports("avx512f"); }
static int has_avx2(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

int gb_ukernel_supported(const gb_ukernel **out)
{
    int count = 0;
    if (has_avx512()) out[count++] = &gb_ukernel_avx512;
    if (has_avx2()) out[count++] = &gb_ukernel_avx2;
    out[count++] = &gb_ukernel_scalar;
    return count;
}

const gb_ukernel *gb_ukernel_best(void)
{
    const gb_ukernel *all[3];
    gb_ukernel_supported(all);
    return all[0];
}

const char *grimblas_kernel_isa(void) { return gb_ukernel_best()->isa; }
