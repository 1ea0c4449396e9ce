import { describe, expect, it } from 'vitest';
import { formatChange, formatDate, formatMoney, formatMultiple, formatPercent } from './format';

describe('format', () => {
  it('formats money in its own currency, with its own minor units', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(350000, 'JPY', 'en-US')).toBe('¥350,000');
    expect(formatMoney(99.9, 'AUD', 'en-US')).toBe('A$99.90');
    expect(formatMoney(10, 'EUR', 'de-DE')).toBe('10,00\u00a0€');
  });

  it('shows changes with their sign, and says when there is nothing to compare with', () => {
    expect(formatChange(0.125, 'en-US')).toBe('+12.5%');
    expect(formatChange(-0.03, 'en-US')).toBe('-3.0%');
    expect(formatChange(0, 'en-US')).toBe('0.0%');
    expect(formatChange(null, 'en-US')).toBe('no comparison');
  });

  it('formats ratios', () => {
    expect(formatPercent(0.0234, 'en-US')).toBe('2.34%');
    expect(formatMultiple(3.4, 'en-US')).toBe('3.40×');
  });

  it('formats an account-local date without shifting it into the viewer time zone', () => {
    expect(formatDate('2026-11-07', 'en-US')).toBe('Nov 7, 2026');
    expect(formatDate('2026-01-01', 'en-US')).toBe('Jan 1, 2026');
  });
});
