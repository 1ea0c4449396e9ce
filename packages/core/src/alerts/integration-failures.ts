import type { Firestore } from 'firebase-admin/firestore';
import type { AdIntegration } from '../contract/ad-integration';
import { SyncJobsRepository } from '../repositories/sync-jobs-repository';
import type { IntegrationFailureCheck } from '../scheduling/sync-scheduler';
import type { AlertNotifier } from './notifier';
import { consecutiveFailures, integrationFailureCondition } from './policy';

/** Jobs read beyond the threshold, to step over live and replaced ones at the head. */
const lookahead = 5;

/**
 * The failure-threshold check the scheduler runs on each integration it visits: consecutive failed
 * syncs, from the integration's recent `syncJobs`. A healthy integration costs no Firestore read.
 */
export class IntegrationFailureMonitor implements IntegrationFailureCheck {
  private readonly jobs: SyncJobsRepository;

  constructor(
    db: Firestore,
    private readonly notifier: AlertNotifier,
  ) {
    this.jobs = new SyncJobsRepository(db);
  }

  async checkIntegration(integration: AdIntegration, threshold: number): Promise<void> {
    const { userId, providerId } = integration;
    // After a success (or before any sync) there is no streak: skip the read. Otherwise (`error`,
    // or `pending` after a re-link) the job history decides, so the incident does not flap.
    const noStreak = integration.lastSyncStatus === 'success' || integration.lastSyncStatus === 'never';
    const failures = noStreak
      ? { count: 0, since: null }
      : consecutiveFailures(await this.jobs.listRecent(userId, threshold + lookahead, providerId));
    await this.notifier.observe(integrationFailureCondition({ userId, providerId, failures, threshold }));
  }
}
