import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkSlots } from './work-slots';

afterEach(() => vi.useRealTimers());

/** Settles pending promise callbacks, so a grant or a refusal shows in `log`. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkSlots', () => {
  it('runs as many as it has places; the next wait and get a place, in order, as each is given back', async () => {
    const slots = new WorkSlots({ concurrent: 2, waiting: 5, waitMs: 60_000 });
    const log: string[] = [];
    const take = (name: string) =>
      slots.acquire().then((release) => {
        log.push(release ? name : `${name} refused`);
        return release!;
      });
    const first = await take('a');
    const second = await take('b');
    const third = take('c');
    const fourth = take('d');
    await settle();
    expect(log).toEqual(['a', 'b']);
    expect(slots.state).toEqual({ running: 2, waiting: 2 });
    second();
    await settle();
    expect(log).toEqual(['a', 'b', 'c']);
    first();
    await settle();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    (await third)();
    (await fourth)();
    expect(slots.state).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once beyond its waiting room', async () => {
    const slots = new WorkSlots({ concurrent: 1, waiting: 1, waitMs: 60_000 });
    const running = await slots.acquire();
    const waiting = slots.acquire();
    expect(await slots.acquire()).toBeNull();
    running!();
    const next = await waiting;
    expect(next).toBeTypeOf('function');
    next!();
    expect(slots.state).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a request that waited its time, and gives later places to those still waiting', async () => {
    vi.useFakeTimers();
    const slots = new WorkSlots({ concurrent: 1, waiting: 2, waitMs: 1_000 });
    const running = await slots.acquire();
    const early = slots.acquire();
    await vi.advanceTimersByTimeAsync(600);
    const late = slots.acquire();
    await vi.advanceTimersByTimeAsync(500);
    expect(await early).toBeNull();
    expect(slots.state).toEqual({ running: 1, waiting: 1 });
    running!();
    const granted = await late;
    expect(granted).toBeTypeOf('function');
    granted!();
    expect(slots.state).toEqual({ running: 0, waiting: 0 });
  });

  it('frees one place however often a release is called', async () => {
    const slots = new WorkSlots({ concurrent: 1, waiting: 0, waitMs: 1_000 });
    const release = await slots.acquire();
    release!();
    release!();
    expect(slots.state).toEqual({ running: 0, waiting: 0 });
    const again = await slots.acquire();
    expect(again).toBeTypeOf('function');
    expect(await slots.acquire()).toBeNull();
  });
});
