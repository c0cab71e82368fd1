/* grimblas: GrimoireEngine's native float32 kernels (SGEMM with a bias/activation epilogue, row softmax)
 * and a run-time bridge to a vendor BLAS (OpenBLAS, BLIS, MKL) found with dlopen.
 *
 * Every function validates its arguments and returns GRIMBLAS_OK (0) or a negative grimblas_status; it
 * never aborts. grimblas_status_string names a code; grimblas_last_error describes the last failure on
 * the calling thread (which argument, which values). */
#ifndef GRIMBLAS_H
#define GRIMBLAS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GRIMBLAS_API __attribute__((visibility("default")))

typedef enum grimblas_status {
    GRIMBLAS_OK = 0,
    GRIMBLAS_ERR_NULL_POINTER = -1,     /* a required pointer is NULL */
    GRIMBLAS_ERR_NEGATIVE_SIZE = -2,    /* m, n, k, rows or cols below zero */
    GRIMBLAS_ERR_LEADING_DIM = -3,      /* lda, ldb or ldc smaller than its operand's row length */
    GRIMBLAS_ERR_OVERFLOW = -4,         /* an operand's extent does not fit in the address space */
    GRIMBLAS_ERR_BAD_ENUM = -5,         /* layout, transpose, activation or vendor out of range */
    GRIMBLAS_ERR_OUT_OF_MEMORY = -6,    /* a packing buffer could not be allocated */
    GRIMBLAS_ERR_THREADS = -7,          /* threads < 1, or a worker thread could not start */
    GRIMBLAS_ERR_VENDOR_UNAVAILABLE = -8, /* the vendor BLAS is not installed or lacks cblas_sgemm */
    GRIMBLAS_ERR_TOO_LARGE = -9,        /* a size exceeds the vendor BLAS's 32-bit integers */
} grimblas_status;

/* Values match CBLAS, so they pass straight through to a vendor library. */
typedef enum grimblas_layout { GRIMBLAS_ROW_MAJOR = 101, GRIMBLAS_COL_MAJOR = 102 } grimblas_layout;
typedef enum grimblas_transpose { GRIMBLAS_NO_TRANS = 111, GRIMBLAS_TRANS = 112 } grimblas_transpose;

typedef enum grimblas_activation {
    GRIMBLAS_ACT_NONE = 0,
    GRIMBLAS_ACT_RELU = 1,
    GRIMBLAS_ACT_SIGMOID = 2,
    GRIMBLAS_ACT_TANH = 3,
} grimblas_activation;

typedef enum grimblas_vendor {
    GRIMBLAS_VENDOR_OPENBLAS = 0,
    GRIMBLAS_VENDOR_BLIS = 1,
    GRIMBLAS_VENDOR_MKL = 2,
    GRIMBLAS_VENDOR_COUNT = 3,
} grimblas_vendor;

/* Library version, e.g. "0.1.0", and the micro-kernel the CPU selected ("avx512", "avx2", "scalar"). */
GRIMBLAS_API const char *grimblas_version(void);
GRIMBLAS_API const char *grimblas_kernel_isa(void);

/* Short fixed text for a status code; never NULL. */
GRIMBLAS_API const char *grimblas_status_string(int status);
/* Details of the last failure on this thread ("" when none); valid until the thread's next call. */
GRIMBLAS_API const char *grimblas_last_error(void);

/* C = alpha * op(A) * op(B) + beta * C, op(A) m x k, op(B) k x n, C m x n, in either layout.
 * beta == 0 overwrites C without reading it (NaNs in C do not survive). threads >= 1 bounds the
 * worker threads; small products run on the calling thread whatever it says. */
GRIMBLAS_API int grimblas_sgemm(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k,
                                float alpha, const float *a, int64_t lda, const float *b, int64_t ldb,
                                float beta, float *c, int64_t ldc, int threads);

/* C = act(op(A) * op(B) + bias), bias of length n added to every row (NULL for none): a dense layer
 * in one pass, the epilogue applied to each register tile while it is still in cache. */
GRIMBLAS_API int grimblas_sgemm_bias_act(int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k,
                                         const float *a, int64_t lda, const float *b, int64_t ldb,
                                         const float *bias, int activation, float *c, int64_t ldc, int threads);

/* Each of rows contiguous rows of cols floats: y = softmax(x) or log_softmax(x). x and y may alias. */
GRIMBLAS_API int grimblas_softmax_rows(const float *x, float *y, int64_t rows, int64_t cols, int threads);
GRIMBLAS_API int grimblas_log_softmax_rows(const float *x, float *y, int64_t rows, int64_t cols, int threads);

/* Vendor BLAS found at run time. grimblas_vendor_probe loads it once (later calls are free) and
 * returns GRIMBLAS_OK or GRIMBLAS_ERR_VENDOR_UNAVAILABLE (grimblas_last_error then lists what was tried). */
GRIMBLAS_API const char *grimblas_vendor_name(int vendor);
GRIMBLAS_API int grimblas_vendor_probe(int vendor);
/* The file that was loaded and the library's own version/config string ("" when it exposes none). */
GRIMBLAS_API const char *grimblas_vendor_path(int vendor);
GRIMBLAS_API const char *grimblas_vendor_version(int vendor);
/* cblas_sgemm of the vendor, with the same checks as grimblas_sgemm; sizes must fit in 32 bits. */
GRIMBLAS_API int grimblas_vendor_sgemm(int vendor, int layout, int trans_a, int trans_b, int64_t m, int64_t n,
                                       int64_t k, float alpha, const float *a, int64_t lda, const float *b,
                                       int64_t ldb, float beta, float *c, int64_t ldc, int threads);

#ifdef __cplusplus
}
#endif

#endif
