// The limits of the programs that read an environment: cron fields as robfig/cron reads them (Argo
// CD's sync windows), Go's duration range, memory that fits GOMEMLIMIT, the time-zone database.
import { MAX_DURATION_MS, cronProblem, durationOverflow, knownTimeZone, memoryTooLarge } from '../../../lib/env/limits';

test.each(['0 8 * * 1-5', '*/15 0-6 1,15 jan-mar mon-fri', '0 0 * * 7', '30 17 31 12 sun', '0-59/5 * * * *'])('"%s" is a valid schedule', (s) => {
  expect(cronProblem(s)).toBeUndefined();
});

test.each([
  ['0 8 * *', 'has 4 field(s); write five: minute hour day-of-month month day-of-week, such as "0 8 * * 1-5"'],
  ['0 24 * * *', 'hour "24" is outside 0-23'],
  ['0 8 0 * *', 'day of month "0" is outside 1-31'],
  ['0 8 * 13 *', 'month "13" is outside 1-12'],
  ['0 8 * * funday', 'day of week "funday" is outside 0-7'],
  ['*/0 * * * *', 'minute "*/0" steps by zero'],
  ['0 8 * * 5-1', 'day of week range "5-1" runs backwards'],
  ['0 8 ? * *', 'day of month "?" is not a value, a range, a list or a step'],
])('"%s": %s', (s, problem) => {
  expect(cronProblem(s)).toBe(problem);
});

test("durations up to Go's limit pass, past it they do not", () => {
  expect(durationOverflow('292y')).toBeUndefined();
  expect(durationOverflow('293y')).toMatch(/longer than a Go duration can hold/);
  expect(MAX_DURATION_MS).toBe(9223372036854);
});

test('memory up to 64Ti passes', () => {
  expect(memoryTooLarge('64Ti')).toBeUndefined();
  expect(memoryTooLarge('65Ti')).toMatch(/more memory than any node has/);
});

test('time zones come from the IANA database', () => {
  expect(knownTimeZone('Europe/Berlin')).toBe(true);
  expect(knownTimeZone('UTC')).toBe(true);
  expect(knownTimeZone('Europe/Atlantis')).toBe(false);
});

test('links and aliases the list of canonical zones leaves out are known too', () => {
  for (const zone of ['UTC', 'Etc/UTC', 'US/Pacific', 'Asia/Kolkata', 'GMT']) expect(knownTimeZone(zone)).toBe(true);
});

test('every zone the quick list accepts, a formatter accepts: the list never admits more than the database', () => {
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    expect(knownTimeZone(zone)).toBe(true);
    expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  }
});
