import { describe, expect, it } from 'vitest';
import { laterJob } from './job-order';

const job = (status: 'queued' | 'running' | 'success' | 'error', attempts: number, daysDone = 0) => ({
  status,
  attempts,
  progress: { daysDone },
});

describe('laterJob', () => {
  it('keeps a finished job finished when a stale read says it is still running', () => {
    const done = job('success', 1, 90);
    expect(laterJob(done, job('running', 1, 60))).toBe(done);
    expect(laterJob(job('running', 1, 60), done)).toBe(done);
  });

  it('prefers the later attempt, then running over queued, then more days done', () => {
    const retry = job('running', 2, 5);
    expect(laterJob(retry, job('running', 1, 80))).toBe(retry);
    const running = job('running', 1, 0);
    expect(laterJob(running, job('queued', 1))).toBe(running);
    const further = job('running', 1, 40);
    expect(laterJob(further, job('running', 1, 20))).toBe(further);
    expect(laterJob(job('running', 1, 20), further)).toBe(further);
  });

  it('takes the newer read when both copies are finished', () => {
    const again = job('error', 1);
    expect(laterJob(job('success', 1), again)).toBe(again);
  });
});
