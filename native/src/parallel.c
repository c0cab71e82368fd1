#include "parallel.h"

#include <pthread.h>

typedef struct task_start {
    gb_task_fn body;
    void *context;
    int task, tasks;
} task_start;

static void *run_one(void *argument)
{
    task_start *s = argument;
    s->body(s->context, s->task, s->tasks);
    return NULL;
}

void gb_run_tasks(int tasks, gb_task_fn body, void *context)
{
    if (tasks > GB_MAX_TASKS) tasks = GB_MAX_TASKS;
    pthread_t threads[GB_MAX_TASKS];
    task_start starts[GB_MAX_TASKS];
    int started[GB_MAX_TASKS] = {0};
    for (int t = 1; t < tasks; t++) {
        starts[t] = (task_start){body, context, t, tasks};
        started[t] = pthread_create(&threads[t], NULL, run_one, &starts[t]) == 0;
    }
    body(context, 0, tasks);
    for (int t = 1; t < tasks; t++) {
        if (started[t])
            pthread_join(threads[t], NULL);
        else
            body(context, t, tasks);
    }
}
