import "server-only";

// "This task is due now": said by code the runner itself runs (a workflow step that finished,
// so its workflow can move on), which cannot import the runner without an import cycle. The
// runner registers its scheduler here when it loads; until then a due task still gets claimed by
// the runner's regular sweep, only a little later.

let schedule: ((id: string) => void) | null = null;

export function onTaskDue(fn: (id: string) => void): void {
  schedule = fn;
}

export function taskDue(id: string): void {
  schedule?.(id);
}
