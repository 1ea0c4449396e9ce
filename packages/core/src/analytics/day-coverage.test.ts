import { describe, expect, it } from 'vitest';
import { dayState } from './day-coverage';

describe('dayState', () => {
  it('tells reported, empty, syncing, unsynced and unlinked days apart', () => {
    expect(dayState({ campaignCount: 3, linked: true, syncing: false })).toBe('reported');
    expect(dayState({ campaignCount: 0, linked: true, syncing: true })).toBe('no-activity');
    expect(dayState({ campaignCount: null, linked: true, syncing: true })).toBe('syncing');
    expect(dayState({ campaignCount: null, linked: true, syncing: false })).toBe('not-synced');
    expect(dayState({ campaignCount: null, linked: false, syncing: false })).toBe('not-linked');
  });

  it('keeps the numbers of a platform that was disconnected', () => {
    expect(dayState({ campaignCount: 2, linked: false, syncing: false })).toBe('reported');
  });
});
