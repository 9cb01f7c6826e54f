/** Entry point: restore the working document, then mount the editor. */
import '@xyflow/react/dist/style.css';
import './styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { restoreInitialDocument } from './documents/bootstrap';
import { prewarmDemoStems } from './live/stemPrewarm';

restoreInitialDocument();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
prewarmDemoStems();
