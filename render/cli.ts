import { commands } from './commands/index';
import { EXIT, UsageError, UserError, type Io } from './commands/types';

function topHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    'lgtm: render, check and inspect the LGTM GitOps repository',
    '',
    'Usage: lgtm <command> [options]    (lgtm <command> --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
    'Exit codes: 0 ok, 1 findings (stale files, errors, differences), 2 bad usage, 3 an environment or app failed.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`lgtm: unknown command "${name}"; run lgtm --help for the list\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lgtm ${name}: ${e.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    if (e instanceof UserError) {
      io.err(`lgtm ${name}: ${e.message}\n`);
      return EXIT.failure;
    }
    throw e;
  }
}

export const processIo = (root: string): Io => ({
  root,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
