/**
 * The embedded demo extract holds only synthetic data from the project's own seeded
 * generator. Its passphrase protects nothing real and is public on purpose: it is in
 * the README and on the start screen.
 */
export const DEMO_PASSPHRASE = 'sundby-demo-2025';
export const DEMO_SEED = 20250101;
