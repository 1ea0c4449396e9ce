import { JobHistory } from './job-history';

export const metadata = { title: 'Job history · Ads Hub' };

export default function JobsPage() {
  return <JobHistory />;
}
