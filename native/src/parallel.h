/* Fork/join over a fixed number of tasks with plain pthreads: no pool survives the call, so the library
 * holds no threads between calls and needs no teardown. */
#ifndef GB_PARALLEL_H
#define GB_PARALLEL_H

#include <stdint.h>

typedef void (*gb_task_fn)(void *context, int task, int tasks);

/* A request for more tasks runs this many, each with a larger share (more than any machine here has cores). */
enum { GB_MAX_TASKS = 256 };

/* Runs body(context, t, n) for t in [0, n), n = min(tasks, GB_MAX_TASKS): task 0 on the calling thread,
 * the others on new threads. A thread that cannot be started runs its task on the caller instead, so
 * this cannot fail. */
void gb_run_tasks(int tasks, gb_task_fn body, void *context);

/* [begin, end) of an even split of count items into tasks parts. */
static inline void gb_task_range(int64_t count, int task, int tasks, int64_t *begin, int64_t *end)
{
    *begin = count * task / tasks;
    *end = count * (task + 1) / tasks;
}

#endif
