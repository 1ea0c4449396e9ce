/**
 * The sandbox: a local HTTP server that speaks Google Ads', Meta's, LinkedIn's and TikTok's OAuth and
 * reporting APIs under `{url}/{real-host}/{real-path}`, with deterministic data, switchable faults
 * and a request meter.
 */

export { type ConsentChoice, ConsentPageError, driveConsent, parseConsentForm } from './consent-client';
export { type FaultInput, type FaultKind, faultKinds } from './control/faults';
export { METER_LIMIT_PER_SECOND, type MeterEntry } from './control/meter';
export { sandboxControl } from './control-client';
export { addDays, daysInRange, type IsoDate, localDate } from './data/dates';
export {
  type ExpectedCampaignDay,
  type ExpectedDay,
  type ExpectedInput,
  expectedCampaignDays,
  expectedDailyTotals,
} from './data/expected';
export { accountTree, findAccount, findLogin, fixtures, reachableAccounts } from './data/fixtures';
export { type CampaignDay, campaignDay, type DataContext, RESTATEMENT_WINDOW_DAYS } from './data/generator';
export type {
  AccountStatus,
  CampaignProfile,
  ConversionKind,
  PlatformFixtures,
  SandboxAccount,
  SandboxCampaign,
  SandboxCreative,
  SandboxLogin,
  SandboxProvider,
} from './data/model';
export { sandboxProviders } from './data/model';
export { mulberry32 } from './data/random';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './server';
