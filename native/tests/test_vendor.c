/* The vendor bridge: each vendor is either loaded (then its cblas_sgemm must agree with the naive loop in
 * both layouts) or reported unavailable with every file it tried. Passes on machines with no vendor BLAS. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "grimblas.h"
#include "naive.h"

static void check_product(int vendor, int layout, int ta, int tb)
{
    enum { M = 37, N = 29, K = 41, LD = 48 };
    static float a[LD * LD], b[LD * LD], c[LD * LD], expected[LD * LD];
    random_fill(a, LD * LD, 31);
    random_fill(b, LD * LD, 32);
    random_fill(c, LD * LD, 33);
    memcpy(expected, c, sizeof c);
    naive_sgemm(layout, ta, tb, M, N, K, 0.5f, a, LD, b, LD, 2.0f, expected, LD);
    int status = grimblas_vendor_sgemm(vendor, layout, ta, tb, M, N, K, 0.5f, a, LD, b, LD, 2.0f, c, LD, 1);
    double error = max_scaled_error(c, expected, LD * LD);
    CHECK(status == GRIMBLAS_OK && error < 1e-4, "%s layout=%d ta=%d tb=%d: status %d, error %g", grimblas_vendor_name(vendor),
          layout, ta, tb, status, error);
}

int main(void)
{
    for (int v = 0; v < GRIMBLAS_VENDOR_COUNT; v++) {
        if (grimblas_vendor_probe(v) != GRIMBLAS_OK) {
            printf("%s: unavailable: %s\n", grimblas_vendor_name(v), grimblas_last_error());
            CHECK(strstr(grimblas_last_error(), "tried") != NULL, "%s: reason '%s' lists no files", grimblas_vendor_name(v),
                  grimblas_last_error());
            CHECK(grimblas_vendor_sgemm(v, GRIMBLAS_ROW_MAJOR, GRIMBLAS_NO_TRANS, GRIMBLAS_NO_TRANS, 1, 1, 1, 1, (float[]){1}, 1,
                                        (float[]){1}, 1, 0, (float[]){0}, 1, 1) == GRIMBLAS_ERR_VENDOR_UNAVAILABLE,
                  "%s: a call must report it unavailable", grimblas_vendor_name(v));
            continue;
        }
        printf("%s: %s, version '%s'\n", grimblas_vendor_name(v), grimblas_vendor_path(v), grimblas_vendor_version(v));
        CHECK(strlen(grimblas_vendor_path(v)) > 0, "%s: loaded but no path", grimblas_vendor_name(v));
        for (int layout = GRIMBLAS_ROW_MAJOR; layout <= GRIMBLAS_COL_MAJOR; layout++)
            for (int ta = GRIMBLAS_NO_TRANS; ta <= GRIMBLAS_TRANS; ta++)
                for (int tb = GRIMBLAS_NO_TRANS; tb <= GRIMBLAS_TRANS; tb++) check_product(v, layout, ta, tb);
    }
    return check_exit_code("vendor");
}
