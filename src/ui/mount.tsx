// Mounts the React app (src/main.tsx imports it once the demo's loading has started). No
// StrictMode: its double-run effects would create two maps.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import './app.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App />
  </ErrorBoundary>,
);
