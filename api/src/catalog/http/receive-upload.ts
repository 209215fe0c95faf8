import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes (CATALOG_UPLOAD_MAX_BYTES)`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * Copies a request body to a temporary file, chunk by chunk, refusing it beyond `maxBytes`: the
 * import then reads the file at its own pace, and no database transaction waits on a slow client.
 * Returns the file and a function removing it.
 */
export async function receiveUpload(req: Request, maxBytes: number): Promise<{ file: string; bytes: number; remove: () => void }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLargeError(maxBytes);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-catalog-upload-'));
  const file = path.join(dir, 'upload.csv');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(new UploadTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(req, limit, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    remove();
    throw err;
  }
  return { file, bytes, remove };
}
