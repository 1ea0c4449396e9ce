import { MetricsPanel } from './metrics-panel';

/** The Metrics panel on a page of its own (`/metrics`), e.g. for a wide screen. */
export default function MetricsPage() {
  return <MetricsPanel />;
}
