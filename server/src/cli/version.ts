/** Defined by scripts/build.mjs from package.json's version. */
declare const SERVER_VERSION: string;

export const VERSION: string = SERVER_VERSION;
