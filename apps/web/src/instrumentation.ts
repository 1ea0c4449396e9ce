/**
 * Next calls `register` once as a server starts. The Node.js server checks its whole configuration
 * there, so a wrong setting (or a development one in production) stops it at start-up rather than at
 * the first request that reads it.
 */
export async function register(): Promise<void> {
  // biome-ignore lint/style/noProcessEnv: Next sets NEXT_RUNTIME per bundle (not configuration) and drops the Node-only branch from the edge bundle by this exact test.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseInvalidConfiguration } = await import('./server/startup-config');
  refuseInvalidConfiguration();
}
