import { Overview } from './overview';

/** The dashboard: numbers, platforms and their syncs. */
export default function HomePage() {
  return <Overview />;
}
