import { LANGUAGES } from '../i18n/define-messages';
import { useI18n } from '../i18n/i18n';

/** Nederlands / English, each in its own language; the chosen one is pressed. Remembered (i18n.tsx). */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div role="group" aria-label={t('language.label')} className="language-switch">
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
