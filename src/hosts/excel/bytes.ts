/**
 * Request-size accounting for Office.js batches. Excel on the web rejects a request or response
 * over 5 MB (RichApi.Error `RequestPayloadSizeLimitExceeded`, see "Resource limits and performance
 * optimization for Office Add-ins"); the product owner caps every request at 4 MB. The size of a
 * request is the JSON of its actions: each queued call or property set, each object it creates and
 * the values it carries. We estimate it as the UTF-8 size of the values plus a fixed cost per action.
 */

/** The product owner's hard cap on one request, in bytes. */
export const REQUEST_LIMIT_BYTES = 4_000_000;

/** Default budget for one request: the 4 MB cap less a 12.5% margin for Office.js's envelope. */
export const DEFAULT_MAX_REQUEST_BYTES = 3_500_000;

/**
 * Estimated envelope of one action in the request JSON (action id, type, object path id, the
 * object path it creates, argument wrapper). Office.js's real envelope is about 100–150 bytes.
 */
export const ACTION_BYTES = 200;

/** UTF-8 length of a string, without allocating (works in the browser and in Node). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 size of a value's JSON, as it travels in a request. */
export function jsonBytes(value: unknown): number {
  // JSON.stringify(undefined) is undefined; a request sends it as null.
  return utf8Length(value === undefined ? 'null' : JSON.stringify(value));
}
