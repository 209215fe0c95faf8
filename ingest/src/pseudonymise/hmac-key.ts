import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IngestConfig } from '@ent/config';

export interface HmacKeySource {
  key: Buffer;
  /** Where it came from, for the start log (never the key itself). */
  origin: 'INGEST_HMAC_KEY' | 'key file created' | 'key file';
}

/**
 * The pseudonymisation secret. INGEST_HMAC_KEY wins; otherwise the key file of the data directory
 * (outside every database) is read, or created with a random 256-bit key at first start. Several
 * processes or a server deployment must share the key: set INGEST_HMAC_KEY there.
 */
export function loadOrCreateHmacKey(config: Pick<IngestConfig, 'hmacKey' | 'hmacKeyFile'>): HmacKeySource {
  if (config.hmacKey) return { key: Buffer.from(config.hmacKey, 'hex'), origin: 'INGEST_HMAC_KEY' };
  const file = config.hmacKeyFile;
  if (fs.existsSync(file)) return { key: parseKeyFile(file), origin: 'key file' };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: two processes starting together never overwrite each other's key.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { key: parseKeyFile(file), origin: 'key file created' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: parseKeyFile(file), origin: 'key file' };
    throw err;
  }
}

function parseKeyFile(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(text)) {
    throw new Error(`The pseudonymisation key file ${file} is not 64 or more hexadecimal characters`);
  }
  return Buffer.from(text, 'hex');
}
