/* The cache-blocked GEMM (Goto/BLIS loop nest) around a micro-kernel, split over threads by slices of C. */
#ifndef GB_GEMM_DRIVER_H
#define GB_GEMM_DRIVER_H

#include "epilogue.h"
#include "gemm_args.h"
#include "ukernel.h"

/* Runs the checked, normalised problem g with micro-kernel uk on up to threads threads, then applies the
 * epilogue e (NULL for none) to C. Returns GRIMBLAS_OK or GRIMBLAS_ERR_OUT_OF_MEMORY. */
int gb_gemm_run(const gb_ukernel *uk, const gb_gemm *g, const gb_epilogue *e, int threads);

#endif
