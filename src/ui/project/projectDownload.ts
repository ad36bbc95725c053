// Downloads a project file's text: the project menu's export, the crash screen's rescue and the
// unreadable saved project kept aside, under one name pattern.
import { PROJECT_EXTENSION } from '../../analysis/projectFile';
import { unreadableProjectText } from '../../analysis/projectStore';
import { download } from '../report/download';

export function downloadProjectText(text: string, name = 'service-circle-project'): void {
  download(new Blob([text], { type: 'application/json' }), `${name}${PROJECT_EXTENSION}`);
}

/** Downloads the unreadable saved project kept aside (nothing when none is). */
export async function exportUnreadableProject(): Promise<void> {
  const text = await unreadableProjectText();
  if (text !== null) downloadProjectText(text, 'service-circle-project-unreadable');
}
