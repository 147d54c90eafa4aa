import polyglotI18nProvider from 'ra-i18n-polyglot';
import vi from './vi';

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./en').then((module) => module.default) : vi),
  'vi',
  [
    { locale: 'vi', name: 'Tiếng Việt' },
    { locale: 'en', name: 'English' },
  ],
);

/** Translates outside React (providers), in the locale the user picked. */
export const translate = (key: string, options?: Record<string, unknown>): string =>
  i18nProvider.translate(key, options);
