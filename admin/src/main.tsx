// PERF: the Vietnamese and basic Latin subsets hold every letter of Vietnamese (Đ, ơ, ư, ₫…).
// The latin-ext faces overlap them (Đ is in both ranges), so a page of Vietnamese text fetched
// them too: ~14 kB a weight for letters like Ł or ő, which now use the next font of the stack.
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/latin-500.css';
import '@fontsource/be-vietnam-pro/latin-700.css';
import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-500.css';
import '@fontsource/be-vietnam-pro/vietnamese-700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
