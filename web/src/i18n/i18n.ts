import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../format/format';
import { en } from './en';
import { fr } from './fr';

const STORAGE_KEY = 'ent.language';

/** The language chosen earlier on this browser, French otherwise (the product's default). */
export function storedLanguage(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

/** Switches the texts, the page's `lang` attribute, and remembers the choice. */
export async function changeLanguage(instance: i18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

/** A ready i18next instance (resources are bundled: no loading, no flash of keys). */
export function createI18n(language: Language = storedLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  return instance;
}

/** The current language as the format module names it. */
export function languageOf(instance: i18n): Language {
  return instance.language === 'en' ? 'en' : 'fr';
}
