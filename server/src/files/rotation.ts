import { basename } from 'node:path';

/** `mail.log.2.gz` -> base `mail.log`, age 2; `maillog-20261101` -> base `maillog`, a date. */
const ROTATED = /^(.*?)(?:\.(\d+)|-(\d{8,10}))?(?:\.(?:gz|bz2|xz|zst|lz4|lzma|z))?$/i;

/**
 * The order a timeline is read in: the rotated copies of a log oldest first, then the log
 * itself (`mail.log.3.gz`, `mail.log.2.gz`, `mail.log.1`, `mail.log`; `maillog-20261101`,
 * `maillog-20261108`, `maillog`). Other inputs keep their order, each rotated set where its
 * first file was.
 */
export function oldestFirst<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const age = (item: T) => {
    const [, , number, date] = ROTATED.exec(basename(nameOf(item))) ?? [];
    // Numbered copies are older the higher the number; dated ones the earlier the date; the live log is newest.
    return number !== undefined ? [0, -Number(number)] : date !== undefined ? [0, Number(date)] : [1, 0];
  };
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = nameOf(item);
    const base = `${name.slice(0, name.length - basename(name).length)}${ROTATED.exec(basename(name))?.[1] ?? ''}`;
    const group = groups.get(base) ?? [];
    group.push(item);
    groups.set(base, group);
  }
  return [...groups.values()].flatMap((group) =>
    group.sort((a, b) => {
      const [x, y] = [age(a), age(b)];
      return x[0] - y[0] || x[1] - y[1];
    }),
  );
}
