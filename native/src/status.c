#include "status.h"

#include <stdarg.h>
#include <stdio.h>

/* One buffer per thread, so concurrent callers never see each other's messages. */
static _Thread_local char last_error[512];

int gb_fail(int status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    return status;
}

const char *grimblas_last_error(void) { return last_error; }

const char *grimblas_status_string(int status)
{
    switch (status) {
    case GRIMBLAS_OK: return "ok";
    case GRIMBLAS_ERR_NULL_POINTER: return "null pointer";
    case GRIMBLAS_ERR_NEGATIVE_SIZE: return "negative size";
    case GRIMBLAS_ERR_LEADING_DIM: return "leading dimension too small";
    case GRIMBLAS_ERR_OVERFLOW: return "operand extent overflows";
    case GRIMBLAS_ERR_BAD_ENUM: return "invalid enum value";
    case GRIMBLAS_ERR_OUT_OF_MEMORY: return "out of memory";
    case GRIMBLAS_ERR_THREADS: return "invalid thread count";
    case GRIMBLAS_ERR_VENDOR_UNAVAILABLE: return "vendor BLAS unavailable";
    case GRIMBLAS_ERR_TOO_LARGE: return "size exceeds 32-bit vendor BLAS limits";
    default: return "unknown status";
    }
}
