/**
 * The Content-Security-Policy sent with every response of the app scheme: the renderer's
 * one policy from shared/ (the production HTML carries the same as a meta tag).
 */
import { CSP_DIRECTIVES, RENDERER_CSP } from '../../shared/security/csp';

export { CSP_DIRECTIVES };
export const CONTENT_SECURITY_POLICY = RENDERER_CSP;

/** Headers added to every app-scheme response, including errors. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Parses a CSP header into directive → source list (lower-cased names). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const [name, ...sources] = tokens;
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
