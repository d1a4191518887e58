// The interface language: English, Romanian or Italian, remembered in this browser.
import { LOCALE_NAMES, useLocale, useT, type Locale } from '../i18n';
import { Icon } from '../views/Icon';

export function LanguageSwitcher() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className="lang">
      <span className="sr-only">{t('app.language')}</span>
      <Icon name="globe" />
      <select aria-label={t('app.language')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {Object.entries(LOCALE_NAMES).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
