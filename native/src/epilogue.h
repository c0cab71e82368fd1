/* The dense-layer epilogue: bias add and activation, applied to C one register tile at a time right
 * after its last k block, while the tile is still in L1. */
#ifndef GB_EPILOGUE_H
#define GB_EPILOGUE_H

#include <stdint.h>

typedef struct gb_epilogue {
    const float *bias; /* NULL for none */
    int bias_per_row;  /* bias indexed by C's row (a transposed column-major call) instead of its column */
    int activation;    /* grimblas_activation */
} gb_epilogue;

/* Applies e to the rows x cols block at c (row stride ldc) whose top-left element is C(row0, col0). */
void gb_epilogue_apply(const gb_epilogue *e, float *c, int64_t ldc, int64_t row0, int64_t col0, int64_t rows,
                       int64_t cols);

#endif
