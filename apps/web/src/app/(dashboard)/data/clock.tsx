'use client';

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

/**
 * One clock for the whole dashboard: "3 min ago", token warnings and "next run in" all read the
 * same `now`, which ticks every `tickMs`, so relative times stay current without a refresh and
 * never disagree with each other.
 */
const ClockContext = createContext<Date | null>(null);

export function ClockProvider({ children, tickMs = 15_000 }: { children: ReactNode; tickMs?: number }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return <ClockContext.Provider value={now}>{children}</ClockContext.Provider>;
}

export function useNow(): Date {
  const now = useContext(ClockContext);
  if (!now) throw new Error('useNow needs a <ClockProvider> above it');
  return now;
}
