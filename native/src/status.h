/* Failure reporting: every public entry point returns a grimblas_status and, on failure, leaves a
 * description on the calling thread for grimblas_last_error. */
#ifndef GB_STATUS_H
#define GB_STATUS_H

#include "grimblas.h"

/* Records a printf-style description of the failure and returns status, so checks read
 * `return gb_fail(GRIMBLAS_ERR_..., "...", ...);`. */
int gb_fail(int status, const char *format, ...) __attribute__((format(printf, 2, 3)));

#endif
