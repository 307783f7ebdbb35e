/** Briefings are small; anything larger is not one (and is not read into memory). */
export const MAX_BRIEFING_BYTES = 64 * 1024 * 1024;
