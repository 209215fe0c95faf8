import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

/** Pages before sign-in: the product's name, the language switch, a centred content. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <span className="shell__brand">{t('product')}</span>
          <div className="shell__tools">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="shell__main shell__main--public" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
