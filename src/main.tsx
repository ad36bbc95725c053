// Browser entry: starts loading the demo, then mounts the React app from its own chunk (React,
// maplibre, the UI and its styles: most of the code), so the downloads and the workers start
// before that chunk is fetched and parsed.
import { startDemo } from './analysis/loadDemo';

startDemo();
void import('./ui/mount');
