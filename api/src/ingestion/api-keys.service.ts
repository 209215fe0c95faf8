import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SOURCE_NAME } from '@ent/ingest';
import type { DataSource, Repository } from 'typeorm';
import { IsNull } from 'typeorm';
import { IngestApiKeyEntity } from './api-key.entity';

export interface CreatedApiKey {
  id: string;
  source: string;
  /** The key itself: shown once, never stored. */
  key: string;
}

export interface ApiKeySummary {
  id: string;
  source: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them: there is nothing to
 * brute-force, unlike a password (which would need a slow hash).
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates, lists, revokes and checks ingestion API keys (one source per key). */
export class ApiKeysService {
  private readonly repo: Repository<IngestApiKeyEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(IngestApiKeyEntity);
  }

  async create(source: string): Promise<CreatedApiKey> {
    if (!SOURCE_NAME.test(source)) {
      throw new ApiKeyError('a source name is 1 to 64 lower-case letters, digits, ".", "_" or "-" (e.g. ent-haute-saone)');
    }
    const id = randomUUID();
    const key = `entk_${randomBytes(32).toString('base64url')}`;
    await this.repo.insert({ id, source, prefix: key.slice(0, 12), keyHash: hashApiKey(key), createdAt: new Date(), revokedAt: null });
    return { id, source, key };
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.repo.find({ order: { createdAt: 'ASC' } });
    return rows.map(({ id, source, prefix, createdAt, revokedAt }) => ({ id, source, prefix, createdAt, revokedAt }));
  }

  /** Revokes by id or by prefix; returns the revoked key, or throws when none matches. */
  async revoke(idOrPrefix: string): Promise<ApiKeySummary> {
    const row =
      (await this.repo.findOne({ where: { id: idOrPrefix } })) ?? (await this.repo.findOne({ where: { prefix: idOrPrefix } }));
    if (!row) throw new ApiKeyError(`no API key has the id or prefix ${idOrPrefix}`);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.repo.update({ id: row.id }, { revokedAt: row.revokedAt });
    }
    const { id, source, prefix, createdAt, revokedAt } = row;
    return { id, source, prefix, createdAt, revokedAt };
  }

  /** The source of a valid, unrevoked key, or undefined. */
  async sourceOf(key: string): Promise<string | undefined> {
    if (!key.startsWith('entk_') || key.length > 100) return undefined;
    const row = await this.repo.findOne({ where: { keyHash: hashApiKey(key), revokedAt: IsNull() } });
    return row?.source;
  }
}
