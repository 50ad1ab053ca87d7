/** The languages of the app; Dutch first (Maastricht), English for everyone else. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A catalogue of one part of the app: Dutch defines the keys, and English must give every one of
 * them (a missing or extra English text is a type error, not a blank on the screen).
 */
export function defineMessages<const Keys extends string>(
  nl: Record<Keys, string>,
  en: NoInfer<Record<Keys, string>>,
): { nl: Record<Keys, string>; en: Record<Keys, string> } {
  return { nl, en };
}
