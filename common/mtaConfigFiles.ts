/**
 * MTA configuration files, by name, whatever language VS Code gives them (plain text,
 * properties): Postfix access and checks maps (`access`, `sender_access`, `header_checks`,
 * `body_checks.pcre`, ...), Sendmail's `access`, Exim's `configure`/`exim4.conf` and the files of a
 * split Exim configuration (`exim4/conf.d/...`). One list: the client's document selector takes the
 * globs, the server and the CLI the regex made from them.
 */
export const MTA_CONFIG_GLOBS: readonly string[] = [
  '**/access',
  '**/*_access',
  '**/*_checks',
  '**/{access,*_access,*_checks}.{pcre,regexp,cidr,txt,in}',
  '**/{exim.conf,exim4.conf,exim4.conf.template}',
  '**/exim/configure',
  '**/exim4/conf.d/**',
];

/**
 * A glob of the forms above as a regex over a path or URI: a leading `**` + `/` is any folder (or
 * none), `/**` at the end anything below, `*` a run within one name, `{a,b}` one of the
 * alternatives. Only these forms: each keeps the regex linear (the redos test checks it).
 */
export function globToRegExp(glob: string): RegExp {
  // Anything below a folder needs only the folder: no `.*$` to scan to the end (and back) from every match.
  const below = glob.endsWith('/**');
  const pattern = below ? glob.slice(0, -3) : glob;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (i === 0 && pattern.startsWith('**/')) {
      source += '(?:^|/)';
      i += 2;
    } else if (c === '*') source += '[^/]*';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += c.replace(/[.+?^$()|[\]\\]/, '\\$&');
  }
  return new RegExp(below ? `${source}/` : `${source}$`);
}

/** Every glob of `MTA_CONFIG_GLOBS` in one regex. */
export const MTA_CONFIG_FILE = new RegExp(MTA_CONFIG_GLOBS.map((glob) => globToRegExp(glob).source).join('|'));

/** The longest path or URI looked at: longer than any a file system gives (PATH_MAX), and it bounds the regex's work. */
export const MAX_CONFIG_PATH = 8192;

/** Whether a path or URI (without its query and fragment) names an MTA configuration file. */
export function isMtaConfigFile(pathOrUri: string): boolean {
  if (pathOrUri.length > MAX_CONFIG_PATH) return false;
  return MTA_CONFIG_FILE.test(pathOrUri.replace(/[?#].*$/, ''));
}
