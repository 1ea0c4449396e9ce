import type { ProviderId } from '@cohorts/core/contract';

/**
 * Each platform's line: a colour from the Okabe-Ito palette (told apart with the common colour
 * vision deficiencies, at least 3:1 against white) and its own dash pattern, so lines differ in
 * more than colour.
 */
export const providerStyle: Record<ProviderId, { color: string; dash: string | undefined }> = {
  google: { color: '#0072B2', dash: undefined },
  facebook: { color: '#D55E00', dash: '8 4' },
  linkedin: { color: '#007A5A', dash: '2 3' },
  tiktok: { color: '#7A3E9D', dash: '10 3 2 3' },
};

/** How a day without numbers reads in text (the chart leaves it as a gap). */
export const dayStateText = {
  reported: '',
  'no-activity': 'no activity',
  syncing: 'syncing',
  'not-synced': 'not synced',
  'not-linked': 'not linked',
} as const;
