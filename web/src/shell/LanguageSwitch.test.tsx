import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/catalogue';
import { I18nProvider, initialLanguage, LANGUAGE_STORAGE_KEY, useT } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

function Page() {
  const t = useT();
  return (
    <>
      <LanguageSwitch />
      <h1>{t('login.title')}</h1>
    </>
  );
}

describe('the language', () => {
  it('switches every text, sets the page’s lang and is remembered (only the language is stored)', async () => {
    const user = userEvent.setup();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'nl');
    render(
      <I18nProvider>
        <Page />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Inloggen');
    expect(screen.getByRole('button', { name: 'Nederlands' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading')).toHaveTextContent('Log in');
    expect(screen.getByRole('group', { name: 'Language' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(Object.keys(localStorage)).toEqual([LANGUAGE_STORAGE_KEY]);
  });

  it('starts from the remembered choice, else the browser’s first language we speak, else Dutch', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(initialLanguage(storage('en'), ['nl-NL'])).toBe('en');
    expect(initialLanguage(storage(null), ['de-DE', 'en-GB', 'nl'])).toBe('en');
    expect(initialLanguage(storage('fr'), ['nl-BE'])).toBe('nl');
    expect(initialLanguage(storage(null), ['de-DE'])).toBe('nl');
  });

  it('has every Dutch text in English and no text empty (the types require it; this checks the running catalogue)', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.nl).sort());
    for (const language of ['nl', 'en'] as const)
      for (const text of Object.values(MESSAGES[language])) expect(text.trim()).not.toBe('');
  });
});
