import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { changeLanguage, languageOf } from './i18n';

/** FR ↔ EN: names the other language in that language (and marks it with its `lang`). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = languageOf(i18n) === 'fr' ? 'en' : 'fr';
  return (
    <Button className="button button--quiet" lang={other} aria-label={t('language.switchLabel')} onPress={() => void changeLanguage(i18n, other)}>
      {t('language.switchTo')}
    </Button>
  );
}
