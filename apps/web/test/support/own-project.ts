import { randomUUID } from 'node:crypto';

/**
 * Points this test file's Firebase (the app's and the harness's) at a project of its own on the
 * shared emulators, so it can compare the whole database before and after while other files run.
 * Call at module top level, before anything reads Firebase settings.
 */
export function ownFirebaseProject(label: string): string {
  const projectId = `demo-${label}-${randomUUID().slice(0, 8)}`;
  process.env.FIREBASE_PROJECT_ID = projectId;
  process.env.GCLOUD_PROJECT = projectId;
  return projectId;
}
