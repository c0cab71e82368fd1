/* Minimal test support: CHECK records a failure with its location and carries on, so one run reports
 * every broken case; main returns check_exit_code(). */
#ifndef GB_CHECK_H
#define GB_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(condition, ...)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            check_failures++;                                                                                          \
            fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #condition);                              \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
        }                                                                                                              \
    } while (0)

static inline int check_exit_code(const char *suite)
{
    printf("%s: %s (%d failures)\n", suite, check_failures ? "FAILED" : "passed", check_failures);
    return check_failures ? 1 : 0;
}

#endif
