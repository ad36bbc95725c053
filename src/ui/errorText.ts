// The message of a thrown value, for the UI's error notices (an Error's message, else the value).
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
