/**
 * `pnpm test`: runs a command (turbo's test tasks) with the test services up. Starting the emulators
 * once here lets every package's tests share them; each package's vitest global setup reuses them.
 */
import { runWithServices } from './run-with-services';

await runWithServices(process.argv.slice(2), { label: 'test services' });
