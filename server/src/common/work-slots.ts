/** How many heavy requests run at once, how many may wait for a place, and for how long. */
export interface WorkSlotLimits {
  concurrent: number;
  waiting: number;
  waitMs: number;
}

/**
 * A few places for heavy work in one process: a request takes one while it runs, later ones wait
 * in order of arrival for a while, and beyond the waiting room they are refused at once. Waiting
 * requests hold their database connection, so the room is small.
 */
export class WorkSlots {
  private running = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(readonly limits: WorkSlotLimits) {}

  /** A place's release (call it once the work's memory is free), or null when none came free. */
  acquire(): Promise<(() => void) | null> {
    if (this.running < this.limits.concurrent) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.limits.waiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        resolve(null);
      }, this.limits.waitMs);
      this.queue.push(entry);
    });
  }

  /** Places taken and requests waiting, for metrics and tests. */
  get state() {
    return { running: this.running, waiting: this.queue.length };
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The place goes straight to the first in line, or back to the pool.
      const next = this.queue.shift();
      if (next) next.grant();
      else this.running--;
    };
  }
}
