import { describe, expect, it } from 'vitest';
import { keyedSerialQueue } from './serial-writes';

/** A task that records when it starts and ends, and finishes when `release` is called. */
function gatedTask(log: string[], name: string) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    run: async () => {
      log.push(`${name} start`);
      await gate;
      log.push(`${name} end`);
      return name;
    },
  };
}

describe('keyedSerialQueue', () => {
  it('runs writes to one job one at a time, in order, even after a failure; other jobs in parallel', async () => {
    const serially = keyedSerialQueue();
    const log: string[] = [];
    const renew = gatedTask(log, 'renew');
    const progress = gatedTask(log, 'progress');
    const other = gatedTask(log, 'other');
    const first = serially('job-1', renew.run);
    const failing = serially('job-1', () => Promise.reject(new Error('lost')));
    const second = serially('job-1', progress.run);
    const parallel = serially('job-2', other.run);
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['renew start', 'other start']);
    other.release();
    renew.release();
    await expect(failing).rejects.toThrow('lost');
    await Promise.resolve();
    expect(log).toContain('progress start');
    progress.release();
    expect(await Promise.all([first, second, parallel])).toEqual(['renew', 'progress', 'other']);
    expect(log.indexOf('renew end')).toBeLessThan(log.indexOf('progress start'));
  });
});
