// Content digests as the render caches store them.
import { createHash } from 'node:crypto';

/** sha256 of a text, in hex. */
export const sha = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
