// Entry point: mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadLocale, useLocale } from './i18n';
import { applyTheme } from './views/theme';
import './styles.css';

// The colours and sizes styles.css uses (var(--tp-…)), from the one module the poster draws with too.
applyTheme(document.documentElement);

// The interface language's messages first (English is built in; the others load in a moment).
void loadLocale(useLocale.getState().locale)
  .catch(() => useLocale.setState({ locale: 'en' }))
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

// Keep the app itself available offline (the maps are in IndexedDB). Not in development, where
// Vite serves modules that change on every edit.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js');
}
