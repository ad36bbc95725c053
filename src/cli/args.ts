// A small, strict command-line parser: `--name value` pairs only, unknown flags rejected, so a
// script's typo fails loudly instead of being ignored.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FlagKind = 'string' | 'number' | 'repeat';

/** Parsed flags: strings and numbers by name, repeatable flags as arrays. */
export interface Parsed {
  values: Map<string, string | number>;
  repeats: Map<string, string[]>;
}

/** Parses `argv` against `spec` (flag name without dashes → kind). */
export function parseArgs(argv: string[], spec: Record<string, FlagKind>): Parsed {
  const values = new Map<string, string | number>(),
    repeats = new Map<string, string[]>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    let name = arg.slice(2),
      value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (value === undefined) {
      if (k + 1 >= argv.length || argv[k + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = argv[++k];
    }
    if (kind === 'repeat') {
      repeats.set(name, [...(repeats.get(name) ?? []), value]);
      continue;
    }
    if (values.has(name)) throw new UsageError(`--${name} given twice`);
    if (kind === 'number') {
      const x = Number(value);
      if (value.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got "${value}"`);
      values.set(name, x);
    } else values.set(name, value);
  }
  return { values, repeats };
}

/** Runs a command-line tool: `--help` prints the usage; a UsageError prints it with the message
 *  (exit 2), any other error its message (exit 1, a bad input file). */
export async function runCli(
  name: string,
  usage: string,
  run: (argv: string[], log: (s: string) => void) => Promise<void>,
  argv: string[],
  log: (s: string) => void,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    log(usage);
    return 0;
  }
  try {
    await run(argv, log);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      log(`${name}: ${e.message}\n${usage}`);
      return 2;
    }
    log(`${name}: ${(e as Error).message}`);
    return 1;
  }
}

/** Splits repeatable `KEY=VALUE` flags into pairs, naming the flag on a malformed one. */
export function keyValues(list: string[] | undefined, flag: string): [string, string][] {
  return (list ?? []).map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new UsageError(`--${flag} expects TYPE=VALUE, got "${s}"`);
    return [s.slice(0, eq), s.slice(eq + 1)];
  });
}
