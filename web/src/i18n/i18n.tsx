import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { MESSAGES, type MessageKey } from './catalogue';
import { type Language, LANGUAGES } from './define-messages';
import { setApiLanguage } from '../api/client';

/** Where the chosen language is remembered (only the language: never a token). */
export const LANGUAGE_STORAGE_KEY = 'steerkes.language';

export type MessageParameters = Record<string, string | number>;
export type Translate = (key: MessageKey, parameters?: MessageParameters) => string;

/** The remembered choice, else the first of the browser's languages we speak, else Dutch. */
export function initialLanguage(
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
  browserLanguages: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  const remembered = storage?.getItem(LANGUAGE_STORAGE_KEY);
  if (isLanguage(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'nl';
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage switched off: the language is then chosen anew on each load
  }
}

export function translate(
  language: Language,
  key: MessageKey,
  parameters: MessageParameters = {},
): string {
  const text: string = MESSAGES[language][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in parameters ? String(parameters[name]) : whole,
  );
}

interface I18nContextValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({
  children,
  language: fixedLanguage,
}: {
  children: ReactNode;
  language?: Language;
}) {
  const [language, setLanguageState] = useState<Language>(() => fixedLanguage ?? initialLanguage());
  useEffect(() => {
    document.documentElement.lang = language;
    setApiLanguage(language);
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    safeStorage()?.setItem(LANGUAGE_STORAGE_KEY, next);
  }, []);
  const value = useMemo<I18nContextValue>(
    () => ({ language, setLanguage, t: (key, parameters) => translate(language, key, parameters) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}

export function useT(): Translate {
  return useI18n().t;
}
