import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOrCreateHmacKey } from './hmac-key';
import { Pseudonymiser } from './pseudonymiser';

describe('Pseudonymiser', () => {
  const key = Buffer.alloc(32, 7);

  it('gives the first 64 bits of HMAC-SHA256 as a decimal UInt64', () => {
    const expected = createHmac('sha256', key).update('jdupont').digest().readBigUInt64BE(0).toString();
    const p = new Pseudonymiser(key);
    expect(p.keyOf('jdupont')).toBe(expected);
    expect(p.optionalKeyOf(undefined)).toBe('0');
  });

  it('keeps the same key across cache generations and differs with another secret', () => {
    const p = new Pseudonymiser(key, 2);
    const first = ['a', 'b', 'c', 'd', 'e'].map((id) => p.keyOf(id));
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => p.keyOf(id))).toEqual(first);
    expect(new Pseudonymiser(Buffer.alloc(32, 8)).keyOf('a')).not.toBe(first[0]);
  });

  it('creates the key file once, outside any database, and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-key-'));
    const file = path.join(dir, 'ingest-hmac.key');
    const created = loadOrCreateHmacKey({ hmacKeyFile: file });
    expect(created.origin).toBe('key file created');
    expect(created.key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateHmacKey({ hmacKeyFile: file })).toEqual({ key: created.key, origin: 'key file' });
    expect(loadOrCreateHmacKey({ hmacKey: 'ab'.repeat(32), hmacKeyFile: file }).origin).toBe('INGEST_HMAC_KEY');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
