/** How long each step of one sync took, in ms, for the 'sync finished' log line (where a sync's time goes). */
export function stepTimes() {
  const times: Record<string, number> = {};
  return {
    times,
    async time<T>(step: string, run: () => Promise<T>): Promise<T> {
      const started = performance.now(); // a duration, not the calendar
      try {
        return await run();
      } finally {
        times[step] = Math.round(performance.now() - started);
      }
    },
  };
}

export type StepTimer = ReturnType<typeof stepTimes>;
