/* Packing: copies a block of op(A) or op(B) into the order the micro-kernel reads, zero-padding partial
 * slivers so the kernel never branches on edges. Strided reads absorb transposes and layouts. */
#ifndef GB_PACK_H
#define GB_PACK_H

#include <stdint.h>

/* mc x kc block of op(A) at a (element (i, p) at a[i*rs + p*cs]) into MR-row slivers, each kc x MR. */
void gb_pack_a(const float *a, int64_t rs, int64_t cs, int64_t mc, int64_t kc, int mr, float *out);

/* kc x nc block of op(B) at b (element (p, j) at b[p*rs + j*cs]) into NR-column slivers, each kc x NR. */
void gb_pack_b(const float *b, int64_t rs, int64_t cs, int64_t kc, int64_t nc, int nr, float *out);

#endif
