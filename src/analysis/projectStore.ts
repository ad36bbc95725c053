// The project in IndexedDB (one record), so a reload finds it. Stored as the same JSON as the
// project file: one format to keep readable, and structured-clone would not check it on the way in.
import type { Project } from './project';
import { projectFromJson, projectToJson } from './projectFile';

const DB = 'service-circle-planner';
const STORE = 'project';
const KEY = 'current';
/** Where an unreadable saved project is kept, so the next automatic save does not lose it. */
const UNREADABLE = 'unreadable';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = op(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

/** The saved project file's text as stored, or null when none was saved. */
export async function savedProjectText(): Promise<string | null> {
  const text = await run<unknown>('readonly', (s) => s.get(KEY));
  return typeof text === 'string' ? text : null;
}

/** Forgets the saved project (the app then starts from the demo data). */
export async function clearSavedProject(): Promise<void> {
  await run('readwrite', (s) => s.delete(KEY));
}

/** The saved project, or null when none was saved; throws (ProjectFileError) when it no longer
 *  parses, so the app says so instead of quietly starting from the demo. The unreadable text is
 *  first copied aside (unreadableProjectText), since the next automatic save replaces it. */
export async function loadSavedProject(): Promise<Project | null> {
  const text = await savedProjectText();
  if (text === null) return null;
  try {
    return projectFromJson(text);
  } catch (e) {
    await run('readwrite', (s) => s.put(text, UNREADABLE));
    throw e;
  }
}

/** The last saved project that could not be read, as stored, or null. */
export async function unreadableProjectText(): Promise<string | null> {
  const text = await run<unknown>('readonly', (s) => s.get(UNREADABLE));
  return typeof text === 'string' ? text : null;
}

/** Saves `p` as the current project. */
export async function saveProject(p: Project): Promise<void> {
  await run('readwrite', (s) => s.put(projectToJson(p), KEY));
}
