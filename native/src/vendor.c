/* The vendor BLAS bridge: OpenBLAS, BLIS or MKL loaded with dlopen on first use, so the library has no
 * link-time dependency on any of them (linking would stop libgrimblas.so loading where they are absent). */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "gemm_args.h"
#include "grimblas.h"
#include "status.h"

typedef void (*cblas_sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                               float *, int);

typedef struct vendor_spec {
    const char *name;
    const char *sonames[2]; /* versioned first: the unversioned link exists only with the -dev package */
    void (*read_version)(void *handle, char *out, size_t size);
    void (*set_threads)(void *handle, int threads);
} vendor_spec;

typedef struct vendor_state {
    int probed, loaded;
    void *handle;
    cblas_sgemm_fn sgemm;
    char path[256];
    char version[256];
    char failure[512];
} vendor_state;

static void copy_string(char *out, size_t size, const char *text) { snprintf(out, size, "%s", text ? text : ""); }

static void openblas_version(void *handle, char *out, size_t size)
{
    char *(*config)(void) = (char *(*)(void))dlsym(handle, "openblas_get_config");
    copy_string(out, size, config ? config() : NULL);
}

static void blis_version(void *handle, char *out, size_t size)
{
    char *(*version)(void) = (char *(*)(void))dlsym(handle, "bli_info_get_version_str");
    copy_string(out, size, version ? version() : NULL);
}

static void mkl_version(void *handle, char *out, size_t size)
{
    void (*version)(char *, int) = (void (*)(char *, int))dlsym(handle, "MKL_Get_Version_String");
    if (version) version(out, (int)size);
    else copy_string(out, size, NULL);
}

static void openblas_threads(void *handle, int threads)
{
    void (*set)(int) = (void (*)(int))dlsym(handle, "openblas_set_num_threads");
    if (set) set(threads);
}

static void blis_threads(void *handle, int threads)
{
    void (*set)(long) = (void (*)(long))dlsym(handle, "bli_thread_set_num_threads");
    if (set) set(threads);
}

static void mkl_threads(void *handle, int threads)
{
    void (*set)(int) = (void (*)(int))dlsym(handle, "MKL_Set_Num_Threads");
    if (set) set(threads);
}

static const vendor_spec specs[GRIMBLAS_VENDOR_COUNT] = {
    {"openblas", {"libopenblas.so.0", "libopenblas.so"}, openblas_version, openblas_threads},
    {"blis", {"libblis.so.4", "libblis.so"}, blis_version, blis_threads},
    {"mkl", {"libmkl_rt.so.2", "libmkl_rt.so"}, mkl_version, mkl_threads},
};

static vendor_state states[GRIMBLAS_VENDOR_COUNT];
static pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;

static int valid_vendor(int vendor) { return vendor >= 0 && vendor < GRIMBLAS_VENDOR_COUNT; }

/* Tries each soname; records the file, version and cblas_sgemm, or every dlopen/dlsym error. */
static void load(const vendor_spec *spec, vendor_state *s)
{
    size_t used = (size_t)snprintf(s->failure, sizeof s->failure, "%s not usable; tried", spec->name);
    for (int i = 0; i < 2 && !s->loaded; i++) {
        void *handle = dlopen(spec->sonames[i], RTLD_NOW | RTLD_LOCAL);
        const char *why = handle ? NULL : dlerror();
        cblas_sgemm_fn sgemm = handle ? (cblas_sgemm_fn)dlsym(handle, "cblas_sgemm") : NULL;
        if (handle && !sgemm) {
            why = "no cblas_sgemm symbol";
            dlclose(handle);
        }
        if (sgemm) {
            s->handle = handle, s->sgemm = sgemm, s->loaded = 1;
            copy_string(s->path, sizeof s->path, spec->sonames[i]);
            spec->read_version(handle, s->version, sizeof s->version);
        } else if (used < sizeof s->failure) {
            used += (size_t)snprintf(s->failure + used, sizeof s->failure - used, "%s %s (%s)", i ? ";" : "",
                                     spec->sonames[i], why);
        }
    }
}

int grimblas_vendor_probe(int vendor)
{
    if (!valid_vendor(vendor))
        return gb_fail(GRIMBLAS_ERR_BAD_ENUM, "vendor=%d, expected 0 to %d", vendor, GRIMBLAS_VENDOR_COUNT - 1);
    vendor_state *s = &states[vendor];
    pthread_mutex_lock(&probe_lock);
    if (!s->probed) {
        load(&specs[vendor], s);
        s->probed = 1;
    }
    pthread_mutex_unlock(&probe_lock);
    return s->loaded ? GRIMBLAS_OK : gb_fail(GRIMBLAS_ERR_VENDOR_UNAVAILABLE, "%s", s->failure);
}

const char *grimblas_vendor_name(int vendor) { return valid_vendor(vendor) ? specs[vendor].name : ""; }

/* Path and version are written once under the lock before `probed` is set, and never change after. */
const char *grimblas_vendor_path(int vendor)
{
    return valid_vendor(vendor) && grimblas_vendor_probe(vendor) == GRIMBLAS_OK ? states[vendor].path : "";
}

const char *grimblas_vendor_version(int vendor)
{
    return valid_vendor(vendor) && grimblas_vendor_probe(vendor) == GRIMBLAS_OK ? states[vendor].version : "";
}

static int fits_int(int64_t x) { return x <= INT_MAX; }

int grimblas_vendor_sgemm(int vendor, int layout, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k,
                          float alpha, const float *a, int64_t lda, const float *b, int64_t ldb, float beta, float *c,
                          int64_t ldc, int threads)
{
    const char *function = "grimblas_vendor_sgemm";
    int status = gb_gemm_check(function, layout, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc);
    if (status == GRIMBLAS_OK) status = gb_check_threads(function, threads);
    if (status == GRIMBLAS_OK) status = grimblas_vendor_probe(vendor);
    if (status != GRIMBLAS_OK) return status;
    if (!fits_int(m) || !fits_int(n) || !fits_int(k) || !fits_int(lda) || !fits_int(ldb) || !fits_int(ldc))
        return gb_fail(GRIMBLAS_ERR_TOO_LARGE, "%s: m=%lld, n=%lld, k=%lld, lda=%lld, ldb=%lld, ldc=%lld must each fit in 32 bits",
                       function, (long long)m, (long long)n, (long long)k, (long long)lda, (long long)ldb, (long long)ldc);
    if (m == 0 || n == 0) return GRIMBLAS_OK; /* CBLAS allows it, but some builds read C anyway */
    const vendor_state *s = &states[vendor];
    /* Process-wide in every vendor library: concurrent callers asking for different counts race benignly. */
    specs[vendor].set_threads(s->handle, threads);
    s->sgemm(layout, trans_a, trans_b, (int)m, (int)n, (int)k, alpha, a, (int)lda, b, (int)ldb, beta, c, (int)ldc);
    return GRIMBLAS_OK;
}
