import { MetricsPanel } from './metrics/metrics-panel';
import { Overview } from './overview';

/** The dashboard: the numbers first, then the platforms and their syncs. */
export default function HomePage() {
  return <Overview metrics={<MetricsPanel />} />;
}
