/**
 * What the client, the server and the CLI must agree on, in one place: the protocol's custom
 * requests and the summary they carry, command ids, the served languages, MTA configuration file
 * names, vendor names and the syntax of a code. It imports nothing of the project's; every layer
 * may import it, and the client imports nothing else of the server's.
 */
export * from './codeSyntax';
export * from './commands';
export * from './languages';
export * from './mtaConfigFiles';
export * from './protocol';
export * from './serverProcess';
export * from './summary';
export * from './vendors';
