/**
 * RFC 3463 section 2: an enhanced status code is `class "." subject "." detail`, class 2, 4 or 5,
 * subject and detail of one to three digits without leading zeros. The one written definition:
 * the scanner's hand-written check (`server/src/scan/syntax.ts`), the `smtpStatus.siteCodes`
 * setting and its schema in package.json are tested against it.
 */
export const SUB_CODE = '(?:0|[1-9][0-9]{0,2})';

/** A whole, valid enhanced status code: `5.7.1`. */
export const ENHANCED_CODE = new RegExp(`^[245]\\.${SUB_CODE}\\.${SUB_CODE}$`);

/** A key of `smtpStatus.siteCodes`: a valid code, or one with `X` for every class (`X.7.900`). */
export const SITE_CODE_KEY = new RegExp(`^[245Xx]\\.${SUB_CODE}\\.${SUB_CODE}$`);
