import type { Language } from '../errors/error-catalogue.js';

/** Picks Dutch or English from an Accept-Language header, honouring q-values; English by default. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  let best: { language: Language; quality: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...parameters] = part.trim().toLowerCase().split(';');
    const language = tag.startsWith('nl') ? 'nl' : tag.startsWith('en') ? 'en' : undefined;
    if (!language) continue;
    const qualityParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
    if (!Number.isFinite(quality) || quality <= 0) continue;
    if (!best || quality > best.quality) best = { language, quality };
  }
  return best?.language ?? 'en';
}
