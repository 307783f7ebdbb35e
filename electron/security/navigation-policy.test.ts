import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from './app-origin';
import { isAllowedNavigation, isTrustedSenderUrl } from './navigation-policy';

describe('app origin', () => {
  it('loads the entry page from the app origin', () => {
    expect(APP_ORIGIN).toBe('app://bydelsmonitor');
    expect(APP_ENTRY_URL).toBe('app://bydelsmonitor/index.html');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });
});

describe('isAllowedNavigation', () => {
  it('allows navigation within the app', () => {
    expect(isAllowedNavigation('app://bydelsmonitor/index.html')).toBe(true);
    expect(isAllowedNavigation('app://bydelsmonitor/index.html#/omraade/101')).toBe(true);
    expect(isAllowedNavigation('app://bydelsmonitor/?view=map')).toBe(true);
  });

  it.each([
    'https://www.kk.dk/',
    'http://localhost:5173/',
    'file:///home/analyst/udtraek.bdx',
    'app://other/index.html',
    'app://bydelsmonitor.attacker.net/',
    'app://bydelsmonitor@attacker.net/',
    'data:text/html,<script>1</script>',
    'blob:app://bydelsmonitor/abc',
    'devtools://devtools/bundled/devtools_app.html',
    'about:blank',
    'javascript:void(0)',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isTrustedSenderUrl', () => {
  it('trusts only frames on the app origin', () => {
    expect(isTrustedSenderUrl('app://bydelsmonitor/index.html')).toBe(true);
    expect(isTrustedSenderUrl('https://bydelsmonitor/index.html')).toBe(false);
    expect(isTrustedSenderUrl('about:blank')).toBe(false);
    expect(isTrustedSenderUrl(null)).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });
});
