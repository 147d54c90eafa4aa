// NOTE: Monaco's editor, JSON and GraphQL workers, bundled by Vite as files of this site (no CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Console } from './Console';

createRoot(document.getElementById('console') as HTMLElement).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
