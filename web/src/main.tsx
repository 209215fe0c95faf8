import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createI18n } from './i18n/i18n';
import './ui/tokens.css';
import './ui/base.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App i18n={createI18n()} />
  </StrictMode>,
);
