import { describe, expect, it } from 'vitest';
import { EXTRACT_ERROR_CODES } from '../extract/errors';
import { EXTRACT_ERROR_MESSAGES, MESSAGES } from './messages';

describe('UI text', () => {
  it('has the same keys, all non-empty, in Danish and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.da).sort());
    for (const lang of ['da', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) expect(text, `${lang}.${key}`).not.toBe('');
    }
  });

  it('has a message for every extract error in both languages that says what to do', () => {
    for (const code of EXTRACT_ERROR_CODES) {
      expect(EXTRACT_ERROR_MESSAGES.da[code]).toMatch(/\.\s*\S.*\./);
      expect(EXTRACT_ERROR_MESSAGES.en[code]).toMatch(/\.\s*\S.*\./);
    }
  });
});
